package org.atrium.registration;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.security.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's place on one session with limited places. Needs a confirmed registration for the event. */
@Path("/api/events/{slug}/sessions/{sessionId}/signup")
class SessionSignupResource {

    @Inject
    SessionSignups signups;

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    EntityManager em;

    /** 201 with the new sign-up (CONFIRMED or WAITLISTED), 200 with the existing active one. */
    @POST
    @Authenticated
    @APIResponse(
            responseCode = "201",
            description = "Signed up",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionSignupView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Already signed up: the existing sign-up",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionSignupView.class)))
    public Response signUp(@PathParam("slug") String slug, @PathParam("sessionId") long sessionId) {
        SessionSignups.Outcome outcome = signups.signUp(slug, sessionId, user.requireSubject());
        return Response.status(outcome.created() ? 201 : 200)
                .entity(view(outcome.signup().id))
                .build();
    }

    @GET
    @Authenticated
    @Transactional
    public SessionSignupView mine(@PathParam("slug") String slug, @PathParam("sessionId") long sessionId) {
        Event event = events.visible(slug);
        SessionSignup s = SessionSignup.<SessionSignup>find(
                        "session.id = ?1 and event.id = ?2 and subject = ?3",
                        sessionId,
                        event.id,
                        user.requireSubject())
                .firstResult();
        if (s == null) {
            throw DomainException.notFound("session-signup");
        }
        return SessionSignupView.of(s, Waitlists.position(em, s));
    }

    @DELETE
    @Authenticated
    public SessionSignupView cancel(@PathParam("slug") String slug, @PathParam("sessionId") long sessionId) {
        return view(signups.cancel(slug, sessionId, user.requireSubject()).id);
    }

    @Transactional
    SessionSignupView view(long id) {
        SessionSignup s = SessionSignup.findById(id);
        return SessionSignupView.of(s, Waitlists.position(em, s));
    }
}
