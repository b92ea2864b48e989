package org.atrium.agenda;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.atrium.common.PublicBaseUrl;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.event.Events;

/** The frab-compatible schedule that conference apps subscribe to, kept rendered while the event is published. */
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

    @Inject
    PublicRenderings renderings;

    @GET
    @Path("schedule.xml")
    @Produces("application/xml;charset=utf-8")
    @PermitAll
    public Response xml(@PathParam("slug") String slug, @Context UriInfo uri, @Context Request request) {
        String base = baseUrl.of(uri);
        String type = "application/xml;charset=utf-8";
        return Feeds.ok(
                        request,
                        Feeds.ofEvent(
                                renderings,
                                "schedule.xml " + slug + " " + base,
                                events,
                                slug,
                                type,
                                e -> FrabSchedule.xml(model(e, base)).getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @GET
    @Path("schedule.json")
    @Produces("application/json")
    @PermitAll
    public Response json(@PathParam("slug") String slug, @Context UriInfo uri, @Context Request request) {
        String base = baseUrl.of(uri);
        return Feeds.ok(
                        request,
                        Feeds.ofEvent(
                                renderings,
                                "schedule.json " + slug + " " + base,
                                events,
                                slug,
                                "application/json",
                                e -> jsonBytes(FrabSchedule.json(model(e, base)))))
                .build();
    }

    private byte[] jsonBytes(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FrabSchedule.Model model(Event event, String base) {
        FrabSchedule.Conference conference = new FrabSchedule.Conference(
                event.slug, event.title, event.description, event.zone(), event.firstDay, event.lastDay);
        return FrabSchedule.build(conference, slots.ofEvent(event), base);
    }
}
