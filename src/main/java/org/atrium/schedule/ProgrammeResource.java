package org.atrium.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.List;
import org.atrium.common.EntityTags;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.speaker.Speaker;

/**
 * The public programme: a visible event's whole schedule in one call, read with a fixed number of queries however
 * many sessions it has. A published event's rendering is kept by {@link PublicRenderings} until published data
 * changes, so serving it again costs no database round trip. The ETag is a strong hash of the exact body, so any
 * change to the event, its sessions, rooms, tracks or speakers changes it; {@code If-None-Match} answers 304
 * ({@link EntityTags}, as the feeds). Published events may be cached by anyone for a minute and then revalidated;
 * drafts (seen only by organisers) are never stored, here or by clients.
 */
@Path("/api/events/{slug}/schedule")
class ProgrammeResource {

    static final String PUBLIC_CACHE = "public, max-age=60, must-revalidate";
    static final String PRIVATE_CACHE = "private, no-store";

    @Inject
    Events events;

    @Inject
    ObjectMapper json;

    @Inject
    PublicRenderings renderings;

    @Inject
    EntityManager em;

    @Inject
    LineUps lineUps;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response programme(@PathParam("slug") String slug, @Context Request request) {
        boolean[] draft = {false};
        PublicRenderings.Rendered rendered = renderings.get("programme " + slug, () -> {
            Event event = events.visible(slug);
            draft[0] = event.status == Event.Status.DRAFT;
            return new PublicRenderings.Shareable(render(event), !draft[0]);
        });
        EntityTag tag = new EntityTag(rendered.tag());
        String cacheControl = draft[0] ? PRIVATE_CACHE : PUBLIC_CACHE;
        Response.ResponseBuilder notModified = EntityTags.notModified(request, tag);
        Response.ResponseBuilder answer =
                notModified != null ? notModified : Response.ok(rendered.body(), MediaType.APPLICATION_JSON_TYPE);
        return answer.tag(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }

    private PublicRenderings.Rendered render(Event event) {
        try {
            return PublicRenderings.Rendered.of(json.writeValueAsBytes(load(event)), MediaType.APPLICATION_JSON);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Five queries whatever the size: rooms, tracks, speakers with their links, sessions, line-ups. */
    private ProgrammeView load(Event event) {
        List<Venue> venues = em.createQuery("from Venue v where v.event.id = :e order by v.name, v.id", Venue.class)
                .setParameter("e", event.id)
                .getResultList();
        List<Track> tracks = em.createQuery("from Track t where t.event.id = :e order by t.name, t.id", Track.class)
                .setParameter("e", event.id)
                .getResultList();
        List<Speaker> speakers = em.createQuery(
                        "select distinct s from Speaker s left join fetch s.links where s.event.id = :e"
                                + " order by s.name, s.id",
                        Speaker.class)
                .setParameter("e", event.id)
                .getResultList();
        List<ConferenceSession> sessions = em.createQuery(
                        "from ConferenceSession s where s.event.id = :e order by s.startsAt, s.id",
                        ConferenceSession.class)
                .setParameter("e", event.id)
                .getResultList();
        return ProgrammeView.of(event, venues, tracks, speakers, sessions, lineUps.ofEvent(event.id));
    }
}
