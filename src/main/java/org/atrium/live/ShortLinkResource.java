package org.atrium.live;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.atrium.common.DomainException;
import org.atrium.event.Events;
import org.atrium.schedule.ConferenceSession;

/**
 * {@code /s/{id}}: the short link the projector shows (session ids are unique across events), redirecting to the
 * session's live room in the browser UI; a draft's sessions are 404 to anyone but its organisers.
 */
@Path("/s")
class ShortLinkResource {

    @Inject
    Events events;

    @GET
    @Path("{id}")
    @PermitAll
    public Response shortLink(@PathParam("id") long id) {
        ConferenceSession session = ConferenceSession.findById(id);
        if (session == null) {
            throw DomainException.notFound("session");
        }
        events.visible(session.event.slug);
        return Response.status(303)
                .location(URI.create("/#/events/" + session.event.slug + "/sessions/" + session.id))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .build();
    }
}
