package org.atrium.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Page;
import org.atrium.common.PublicRenderings;
import org.atrium.security.CurrentUser;
import org.atrium.security.People;
import org.atrium.timezone.Zones;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/events")
class EventResource {

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    EventConfig config;

    @Inject
    Clock clock;

    @Inject
    Bounds bounds;

    @Inject
    People people;

    @Inject
    PublicRenderings renderings;

    @Inject
    ObjectMapper json;

    /**
     * Published, listed events for everyone, plus the caller's own drafts and unlisted events. Anonymous pages are
     * the same for everyone and kept rendered by {@link PublicRenderings}.
     */
    @GET
    @PermitAll
    @APIResponse(
            responseCode = "200",
            description = "A page of events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    public Response list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page.Request paging = Page.Request.of(page, size);
        if (user.subject().isPresent()) {
            return Response.ok(list(paging, user.subject().get()), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        PublicRenderings.Rendered rendered = renderings.get(
                "events " + paging.page() + " " + paging.size(),
                () -> new PublicRenderings.Shareable(
                        PublicRenderings.Rendered.of(bytes(list(paging, "")), MediaType.APPLICATION_JSON), true));
        return Response.ok(rendered.body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Page<EventView> list(Page.Request paging, String me) {
        var query = Event.find(
                "select distinct e from Event e left join e.organisers o"
                        + " where (e.status <> ?1 and e.visibility = ?2) or o = ?3 order by e.firstDay, e.slug",
                Event.Status.DRAFT,
                Event.Visibility.PUBLIC,
                me);
        List<Event> found = query.page(paging.page(), paging.size()).list();
        var names = people.of(found.stream()
                .filter(e -> e.isOrganiser(me))
                .flatMap(e -> e.organisers.stream())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        var items = found.stream()
                .map(e -> EventView.of(e, e.isOrganiser(me), names))
                .toList();
        return new Page<>(items, paging.page(), paging.size(), query.count());
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("{slug}")
    @PermitAll
    public EventView get(@PathParam("slug") String slug) {
        Event event = events.visible(slug);
        return view(event, events.callerOrganises(event));
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
                            schema = @Schema(implementation = EventView.class)))
    public Response create(@Valid @jakarta.validation.constraints.NotNull EventForm form) {
        if (!events.callerMayCreate()) {
            throw new DomainException(
                    403,
                    "event.organiser-role-required",
                    "Creating events needs the '" + config.role() + "' role; ask the operator of this Atrium for it.",
                    Map.of("role", config.role()));
        }
        Zones.eventZone(form.timeZone());
        if (events.find(form.slug()).isPresent()) {
            throw new DomainException(
                    409,
                    "event.slug-taken",
                    "The slug '" + form.slug() + "' is already taken.",
                    Map.of("slug", form.slug()));
        }
        Event event = new Event();
        event.slug = form.slug();
        event.createdBy = user.requireSubject();
        event.organisers.add(event.createdBy);
        event.createdAt = Instant.now(clock);
        apply(event, form);
        event.persistAndFlush();
        return Response.status(201)
                .header("Location", "/api/events/" + event.slug)
                .entity(view(event, true))
                .build();
    }

    @PUT
    @Path("{slug}")
    @Authenticated
    @Transactional
    public EventView update(
            @PathParam("slug") String slug, @Valid @jakarta.validation.constraints.NotNull EventForm form) {
        Event event = events.organised(slug);
        checkVersion(event, form.version());
        if (!event.slug.equals(form.slug())) {
            if (events.find(form.slug()).isPresent()) {
                throw new DomainException(409, "event.slug-taken", "The slug '" + form.slug() + "' is already taken.");
            }
            event.slug = form.slug();
        }
        Zones.eventZone(form.timeZone());
        apply(event, form);
        event.persistAndFlush();
        return view(event, true);
    }

    @POST
    @Path("{slug}/publish")
    @Authenticated
    @Transactional
    public EventView publish(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        event.publish();
        return touched(event);
    }

    @POST
    @Path("{slug}/unpublish")
    @Authenticated
    @Transactional
    public EventView unpublish(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        event.unpublish();
        return touched(event);
    }

    @POST
    @Path("{slug}/cancel")
    @Authenticated
    @Transactional
    public EventView cancel(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        event.cancel();
        return touched(event);
    }

    /**
     * An organiser adds a co-organiser by account subject, as picked from the accounts this event knows
     * ({@code GET /api/events/{slug}/accounts}); people who have not signed in yet are invited by e-mail instead.
     */
    public record OrganiserForm(@NotBlank @Size(max = 255) String subject) {}

    @POST
    @Path("{slug}/organisers")
    @Authenticated
    @Transactional
    public EventView addOrganiser(
            @PathParam("slug") String slug, @Valid @jakarta.validation.constraints.NotNull OrganiserForm form) {
        Event event = events.organisedForChange(slug);
        event.addOrganiser(form.subject().trim(), bounds);
        return touched(event);
    }

    @DELETE
    @Path("{slug}/organisers/{subject}")
    @Authenticated
    @Transactional
    public EventView removeOrganiser(@PathParam("slug") String slug, @PathParam("subject") String subject) {
        Event event = events.organised(slug);
        if (event.organisers.contains(subject) && event.organisers.size() == 1) {
            throw DomainException.conflict("event.last-organiser", "An event needs at least one organiser.");
        }
        if (!event.organisers.remove(subject)) {
            throw DomainException.notFound("organiser");
        }
        return touched(event);
    }

    private EventView touched(Event event) {
        event.updatedAt = Instant.now(clock);
        event.persistAndFlush();
        return view(event, true);
    }

    private EventView view(Event event, boolean forOrganiser) {
        return EventView.of(event, forOrganiser, forOrganiser ? people.of(event.organisers) : Map.of());
    }

    private void apply(Event event, EventForm form) {
        event.title = form.title().trim();
        event.description = form.description();
        event.timeZone = Zones.eventZone(form.timeZone()).getId();
        event.setDays(form.firstDay(), form.lastDay(), bounds);
        if (form.visibility() != null) {
            event.visibility = form.visibility();
        }
        event.updatedAt = Instant.now(clock);
    }

    private static void checkVersion(Event event, Long version) {
        if (version != null && version != event.version) {
            throw new DomainException(
                    409,
                    "version.conflict",
                    "Someone else changed this event in the meantime; reload it and apply your change again.",
                    Map.of("currentVersion", event.version));
        }
    }
}
