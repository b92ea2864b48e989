package org.atrium.agenda;

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
import java.time.ZoneId;
import java.util.List;
import org.atrium.common.PublicBaseUrl;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.exhibition.GalleryOpenings;

/**
 * iCalendar feeds of a whole event (kept rendered while it is published) and of one session (times in UTC, so no
 * VTIMEZONE is needed).
 */
@Path("/api/events/{slug}")
class CalendarResource {

    @Inject
    Events events;

    @Inject
    Slots slots;

    @Inject
    GalleryOpenings openings;

    @Inject
    PublicBaseUrl baseUrl;

    @Inject
    PublicRenderings renderings;

    @GET
    @Path("calendar.ics")
    @Produces(ICalendars.MEDIA_TYPE)
    @PermitAll
    public Response event(@PathParam("slug") String slug, @Context UriInfo uri, @Context Request request) {
        String base = baseUrl.of(uri);
        PublicRenderings.Rendered rendered = Feeds.ofEvent(
                renderings, "calendar.ics " + slug + " " + base, events, slug, ICalendars.MEDIA_TYPE, event -> {
                    var feed = new ICalendars.Feed(event.title, event.description, event.zone());
                    return ICalendars.bytes(ICalendars.write(feed, slots.ofEvent(event), openings.listed(event), base));
                });
        return Feeds.ok(request, rendered)
                .header("Content-Disposition", "inline; filename=\"" + slug + ".ics\"")
                .build();
    }

    @GET
    @Path("sessions/{id}/calendar.ics")
    @Produces(ICalendars.MEDIA_TYPE)
    @PermitAll
    public Response session(
            @PathParam("slug") String slug, @PathParam("id") long id, @Context UriInfo uri, @Context Request request) {
        Event event = events.visible(slug);
        return ics("session-" + id + ".ics", event, List.of(slots.one(event, id)), uri, request);
    }

    private Response ics(String fileName, Event event, List<Slot> list, UriInfo uri, Request request) {
        ZoneId zone = event.zone();
        String text =
                ICalendars.write(new ICalendars.Feed(event.title, event.description, zone), list, baseUrl.of(uri));
        return Feeds.ok(request, ICalendars.bytes(text), ICalendars.MEDIA_TYPE)
                .header("Content-Disposition", "inline; filename=\"" + fileName + "\"")
                .build();
    }
}
