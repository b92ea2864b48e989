package org.atrium.schedule;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Page;
import org.atrium.common.Versions;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An event's venues (rooms and virtual stages), at {@code /rooms}: the path, the JSON and the problem codes
 * ({@code room.in-use}, {@code room.name-taken}, ...) keep the public word room (see {@link Venue}). A venue that
 * still holds live (not cancelled) sessions cannot be deleted: move or cancel them first.
 */
@Path("/api/events/{slug}/rooms")
class VenueResource {

    @Inject
    Events events;

    @Inject
    Bounds bounds;

    @Inject
    UniqueNames names;

    @GET
    @PermitAll
    public Page<VenueView> list(
            @PathParam("slug") String slug, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page.Request paging = Page.Request.of(page, size);
        Event event = events.visible(slug);
        boolean organiser = events.callerOrganises(event);
        var query = Venue.<Venue>find("event.id", Sort.by("name").and("id"), event.id);
        var items = query.page(paging.page(), paging.size()).list().stream()
                .map(r -> VenueView.of(r, organiser))
                .toList();
        return new Page<>(items, paging.page(), paging.size(), query.count());
    }

    @GET
    @Path("{id}")
    @PermitAll
    public VenueView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        return VenueView.of(find(event, id), events.callerOrganises(event));
    }

    @POST
    @Authenticated
    @Transactional
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VenueView.class)))
    public Response create(@PathParam("slug") String slug, @Valid @NotNull VenueForm form) {
        Event event = events.organisedForChange(slug);
        Bounds.checkCount("event.too-many-rooms", "rooms", Venue.count("event.id", event.id), bounds.roomsPerEvent());
        Venue venue = new Venue();
        venue.event = event;
        apply(venue, form);
        venue.persistAndFlush();
        return Response.status(201)
                .header("Location", "/api/events/" + event.slug + "/rooms/" + venue.id)
                .entity(VenueView.of(venue, true))
                .build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @Transactional
    public VenueView update(@PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull VenueForm form) {
        Event event = events.organisedForChange(slug);
        Venue venue = find(event, id);
        Versions.check("room", venue.version, form.version());
        apply(venue, form);
        venue.persistAndFlush();
        return VenueView.of(venue, true);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @Transactional
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        Venue venue = find(event, id);
        long live = ConferenceSession.count("venue = ?1 and cancelled = false", venue);
        if (live > 0) {
            throw new DomainException(
                    409,
                    "room.in-use",
                    "The room still holds " + live + " session(s); move or cancel them first.",
                    Map.of("sessions", live));
        }
        ConferenceSession.update("venue = null, version = version + 1 where venue = ?1", venue);
        venue.delete();
        return Response.noContent().build();
    }

    private void apply(Venue venue, VenueForm form) {
        String name = form.name().trim();
        names.checkFree(Venue.class, "room", venue.event, name, venue.id);
        venue.name = name;
        venue.capacity = form.capacity();
        venue.joinUrl = form.joinUrl();
        venue.kind = form.kind() == null ? Venue.Kind.STAGE : form.kind();
    }

    private Venue find(Event event, long id) {
        return events.inEvent(Venue.class, "room", event, id);
    }
}
