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
import org.atrium.common.Bounds;
import org.atrium.common.Page;
import org.atrium.common.Versions;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** An event's tracks. Deleting a track leaves its sessions on the programme without a track. */
@Path("/api/events/{slug}/tracks")
class TrackResource {

    @Inject
    Events events;

    @Inject
    Bounds bounds;

    @Inject
    UniqueNames names;

    @GET
    @PermitAll
    public Page<TrackView> list(
            @PathParam("slug") String slug, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page.Request paging = Page.Request.of(page, size);
        Event event = events.visible(slug);
        var query = Track.<Track>find("event.id", Sort.by("name").and("id"), event.id);
        var items = query.page(paging.page(), paging.size()).list().stream()
                .map(TrackView::of)
                .toList();
        return new Page<>(items, paging.page(), paging.size(), query.count());
    }

    @GET
    @Path("{id}")
    @PermitAll
    public TrackView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return TrackView.of(find(events.visible(slug), id));
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
                            schema = @Schema(implementation = TrackView.class)))
    public Response create(@PathParam("slug") String slug, @Valid @NotNull TrackForm form) {
        Event event = events.organisedForChange(slug);
        Bounds.checkCount(
                "event.too-many-tracks", "tracks", Track.count("event.id", event.id), bounds.tracksPerEvent());
        Track track = new Track();
        track.event = event;
        apply(track, form);
        track.persistAndFlush();
        return Response.status(201)
                .header("Location", "/api/events/" + event.slug + "/tracks/" + track.id)
                .entity(TrackView.of(track))
                .build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @Transactional
    public TrackView update(@PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull TrackForm form) {
        Event event = events.organisedForChange(slug);
        Track track = find(event, id);
        Versions.check("track", track.version, form.version());
        apply(track, form);
        track.persistAndFlush();
        return TrackView.of(track);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @Transactional
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        Track track = find(event, id);
        ConferenceSession.update("track = null, version = version + 1 where track = ?1", track);
        track.delete();
        return Response.noContent().build();
    }

    private void apply(Track track, TrackForm form) {
        String name = form.name().trim();
        names.checkFree(Track.class, "track", track.event, name, track.id);
        track.name = name;
        track.colour = form.colour() == null ? null : form.colour().toLowerCase();
    }

    private Track find(Event event, long id) {
        return events.inEvent(Track.class, "track", event, id);
    }
}
