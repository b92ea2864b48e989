package org.atrium.common;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.LocalDate;

/** The domain's bounds ({@link Bounds}), so that clients can tell people before they hit one. */
@Path("/api/limits")
class BoundsResource {

    /** The configured bounds, each named as in {@code atrium.bounds.*} (camel case) and {@code src/docs/bounds.md}. */
    public record BoundsView(
            int eventMaxDays,
            LocalDate earliestDay,
            LocalDate latestDay,
            int sessionsPerEvent,
            int speakersPerSession,
            int speakersPerEvent,
            int tracksPerEvent,
            int roomsPerEvent,
            int organisersPerEvent,
            int invitationsPerEvent,
            int questionsPerAccountPerRoom,
            int chatLinesPerAccountPerRoom,
            int imageMaxBytes,
            long imageMaxPixels,
            int imageMaxSide) {}

    @Inject
    Bounds bounds;

    @GET
    @PermitAll
    public BoundsView get() {
        return new BoundsView(
                bounds.eventMaxDays(),
                bounds.earliestDay(),
                bounds.latestDay(),
                bounds.sessionsPerEvent(),
                bounds.speakersPerSession(),
                bounds.speakersPerEvent(),
                bounds.tracksPerEvent(),
                bounds.roomsPerEvent(),
                bounds.organisersPerEvent(),
                bounds.invitationsPerEvent(),
                bounds.questionsPerAccountPerRoom(),
                bounds.chatLinesPerAccountPerRoom(),
                bounds.imageMaxBytes(),
                bounds.imageMaxPixels(),
                bounds.imageMaxSide());
    }
}
