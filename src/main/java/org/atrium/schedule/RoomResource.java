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
 * An event's rooms and virtual stages. A room that still holds live (not cancelled) sessions cannot be deleted: move
 * or cancel them first.
 */
@Path("/api/events/{slug}/rooms")
class RoomResource {

    @Inject
    Events events;

    @Inject
    Bounds bounds;

    @Inject
    UniqueNames names;

    @GET
    @PermitAll
    public Page<RoomView> list(
            @PathParam("slug") String slug, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page.Request paging = Page.Request.of(page, size);
        Event event = events.visible(slug);
        boolean organiser = events.callerOrganises(event);
        var query = Room.<Room>find("event.id", Sort.by("name").and("id"), event.id);
        var items = query.page(paging.page(), paging.size()).list().stream()
                .map(r -> RoomView.of(r, organiser))
                .toList();
        return new Page<>(items, paging.page(), paging.size(), query.count());
    }

    @GET
    @Path("{id}")
    @PermitAll
    public RoomView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        return RoomView.of(find(event, id), events.callerOrganises(event));
    }

    @POST
    @Authenticated
    @Transactional
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomView.class)))
    public Response create(@PathParam("slug") String slug, @Valid @NotNull RoomForm form) {
        Event event = events.organisedForChange(slug);
        Bounds.checkCount("event.too-many-rooms", "rooms", Room.count("event.id", event.id), bounds.roomsPerEvent());
        Room room = new Room();
        room.event = event;
        apply(room, form);
        room.persistAndFlush();
        return Response.status(201)
                .header("Location", "/api/events/" + event.slug + "/rooms/" + room.id)
                .entity(RoomView.of(room, true))
                .build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @Transactional
    public RoomView update(@PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull RoomForm form) {
        Event event = events.organisedForChange(slug);
        Room room = find(event, id);
        Versions.check("room", room.version, form.version());
        apply(room, form);
        room.persistAndFlush();
        return RoomView.of(room, true);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @Transactional
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        Room room = find(event, id);
        long live = ConferenceSession.count("room = ?1 and cancelled = false", room);
        if (live > 0) {
            throw new DomainException(
                    409,
                    "room.in-use",
                    "The room still holds " + live + " session(s); move or cancel them first.",
                    Map.of("sessions", live));
        }
        ConferenceSession.update("room = null, version = version + 1 where room = ?1", room);
        room.delete();
        return Response.noContent().build();
    }

    private void apply(Room room, RoomForm form) {
        String name = form.name().trim();
        names.checkFree(Room.class, "room", room.event, name, room.id);
        room.name = name;
        room.capacity = form.capacity();
        room.joinUrl = form.joinUrl();
        room.kind = form.kind() == null ? Room.Kind.STAGE : form.kind();
    }

    private Room find(Event event, long id) {
        return events.inEvent(Room.class, "room", event, id);
    }
}
