package org.atrium.stage;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Participation;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionRoles;
import org.atrium.schedule.Venue;
import org.atrium.security.CurrentUser;

/**
 * The stage over REST: a venue's stream ({@code /rooms/{id}/stream}), a session's own stream and its recording
 * ({@code /sessions/{id}/stream}, {@code /sessions/{id}/recording}), what a session's page shows
 * ({@code /sessions/{id}/stage}) and the event's lobby ({@code /stage}). Organisers set and remove; whoever may see
 * the event reads (a meeting's address only for those admitted: see {@link StreamView}). See src/docs/stage.md.
 */
@Path("/api/events/{slug}")
class StageResource {

    @Inject
    Events events;

    @Inject
    Stages stages;

    @Inject
    CurrentUser user;

    @Inject
    Participation participation;

    @Inject
    SessionRoles roles;

    @Inject
    Clock clock;

    @GET
    @Path("rooms/{id}/stream")
    @PermitAll
    public StreamView roomStream(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        Venue venue = events.inEvent(Venue.class, "room", event, id);
        return stages.find(venue, null, StreamUrl.Purpose.LIVE)
                .map(s -> StreamView.of(s, admitted(event, null)))
                .orElseThrow(() -> DomainException.notFound("stream"));
    }

    @PUT
    @Path("rooms/{id}/stream")
    @Authenticated
    @Transactional
    public StreamView setRoomStream(
            @PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull StreamForm form) {
        Event event = events.organisedForChange(slug);
        Venue venue = events.inEvent(Venue.class, "room", event, id);
        return StreamView.of(stages.set(event, venue, null, StreamUrl.Purpose.LIVE, form), true);
    }

    @DELETE
    @Path("rooms/{id}/stream")
    @Authenticated
    @Transactional
    public Response removeRoomStream(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        Venue venue = events.inEvent(Venue.class, "room", event, id);
        return removed(stages.remove(venue, null, StreamUrl.Purpose.LIVE));
    }

    @PUT
    @Path("sessions/{id}/stream")
    @Authenticated
    @Transactional
    public StreamView setSessionStream(
            @PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull StreamForm form) {
        Event event = events.organisedForChange(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        return StreamView.of(stages.set(event, null, session, StreamUrl.Purpose.LIVE, form), true);
    }

    @DELETE
    @Path("sessions/{id}/stream")
    @Authenticated
    @Transactional
    public Response removeSessionStream(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        return removed(stages.remove(null, session, StreamUrl.Purpose.LIVE));
    }

    @PUT
    @Path("sessions/{id}/recording")
    @Authenticated
    @Transactional
    public StreamView setRecording(
            @PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull StreamForm form) {
        Event event = events.organisedForChange(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        return StreamView.of(stages.set(event, null, session, StreamUrl.Purpose.RECORDING, form), true);
    }

    @DELETE
    @Path("sessions/{id}/recording")
    @Authenticated
    @Transactional
    public Response removeRecording(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        return removed(stages.remove(null, session, StreamUrl.Purpose.RECORDING));
    }

    @GET
    @Path("sessions/{id}/stage")
    @PermitAll
    public SessionStageView sessionStage(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        boolean admitted = admitted(event, session);
        StageStream stream = stages.inForce(session).orElse(null);
        StageStream recording =
                stages.find(null, session, StreamUrl.Purpose.RECORDING).orElse(null);
        return new SessionStageView(
                session.id,
                stream == null ? null : StreamView.of(stream, admitted),
                recording == null ? null : StreamView.of(recording, true),
                PlayerPage.plays(session, stream, recording, clock.instant()));
    }

    @GET
    @Path("stage")
    @PermitAll
    public LobbyView lobby(@PathParam("slug") String slug) {
        return stages.lobby(events.visible(slug));
    }

    /** Organisers, the session's speakers (the event's, without a session), and confirmed participants. */
    private boolean admitted(Event event, ConferenceSession session) {
        if (events.callerOrganises(event)) {
            return true;
        }
        return user.subject()
                .map(subject -> participation.isConfirmed(event.id, subject)
                        || (session == null
                                ? roles.isSpeakerInEvent(event.id, subject)
                                : roles.isSpeakerOrModerator(session.id, subject)))
                .orElse(false);
    }

    private static Response removed(boolean found) {
        if (!found) {
            throw DomainException.notFound("stream");
        }
        return Response.noContent().build();
    }
}
