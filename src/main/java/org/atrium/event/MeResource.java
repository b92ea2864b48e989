package org.atrium.event;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.atrium.security.CurrentUser;

/**
 * Who the caller is and what they may do, so that the UI shows only the controls a person may use. The server stays
 * the authority: every endpoint checks again.
 */
// "/api" with the method at "me", not a class at "/api/me": JAX-RS matches classes by their own path first, and one at
// "/api/me" would take /api/me/calendar-feed (agenda's FeedResource) and answer it 404.
@Path("/api")
class MeResource {

    /** The signed-in account: {@code canCreateEvents} mirrors the rule of {@code POST /api/events}. */
    public record MeView(
            String subject, String name, String preferredUsername, String email, boolean canCreateEvents) {}

    @Inject
    CurrentUser user;

    @Inject
    Events events;

    @GET
    @Path("me")
    @Authenticated
    public MeView get() {
        return new MeView(
                user.requireSubject(),
                user.displayName(),
                user.preferredUsername().orElse(null),
                user.email().orElse(null),
                events.callerMayCreate());
    }
}
