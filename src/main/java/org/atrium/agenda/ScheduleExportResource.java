package org.atrium.agenda;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import org.atrium.event.Event;
import org.atrium.event.Events;

/** The frab-compatible schedule that conference apps subscribe to. */
@Path("/api/events/{slug}")
class ScheduleExportResource {

    @Inject
    Events events;

    @Inject
    Slots slots;

    @Inject
    PublicBaseUrl baseUrl;

    @Inject
    ObjectMapper json;

    @GET
    @Path("schedule.xml")
    @Produces("application/xml;charset=utf-8")
    @PermitAll
    public Response xml(@PathParam("slug") String slug, @Context UriInfo uri, @Context Request request) {
        String xml = FrabSchedule.xml(model(slug, uri));
        return Feeds.ok(request, xml.getBytes(StandardCharsets.UTF_8), "application/xml;charset=utf-8")
                .build();
    }

    @GET
    @Path("schedule.json")
    @Produces("application/json")
    @PermitAll
    public Response json(@PathParam("slug") String slug, @Context UriInfo uri, @Context Request request)
            throws Exception {
        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(FrabSchedule.json(model(slug, uri)));
        return Feeds.ok(request, body, "application/json").build();
    }

    private FrabSchedule.Model model(String slug, UriInfo uri) {
        Event event = events.visible(slug);
        FrabSchedule.Conference conference = new FrabSchedule.Conference(
                event.slug, event.title, event.description, event.zone(), event.firstDay, event.lastDay);
        return FrabSchedule.build(conference, slots.ofEvent(event), baseUrl.of(uri));
    }
}
