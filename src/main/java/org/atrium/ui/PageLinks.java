package org.atrium.ui;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The page addresses the feeds and schedule exports give (an event's {@code /events/{slug}}, a session's
 * {@code /events/{slug}/sessions/{id}}), which calendar apps and conference apps store: they are a public contract, so
 * they stay as they are and lead to the browser UI's pages, which are routed after {@code #}. Nothing is looked up:
 * the page itself says when an event or session does not exist or is not visible.
 */
@Path("/events/{slug: [a-z0-9-]{1,100}}")
class PageLinks {

    @GET
    @PermitAll
    public Response event(@PathParam("slug") String slug) {
        return to("/#/events/" + slug);
    }

    @GET
    @Path("sessions/{id: [0-9]{1,18}}")
    @PermitAll
    public Response session(@PathParam("slug") String slug, @PathParam("id") long id) {
        return to("/#/events/" + slug + "/sessions/" + id + "/about");
    }

    @GET
    @Path("galleries/{id: [0-9]{1,18}}")
    @PermitAll
    public Response gallery(@PathParam("slug") String slug, @PathParam("id") long id) {
        return to("/#/events/" + slug + "/galleries/" + id);
    }

    private static Response to(String page) {
        return Response.status(Response.Status.SEE_OTHER)
                .location(URI.create(page))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
                .build();
    }
}
