package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atrium.event.Event;

/**
 * The opening hours of an event's listed galleries (published, and registered-only ones, whose name and hours anyone
 * may see), for the event's calendar feed. Drafts never appear.
 */
@ApplicationScoped
public class GalleryOpenings {

    @Inject
    EntityManager em;

    /** One opening of one gallery. */
    public record Opening(
            String eventSlug,
            ZoneId eventZone,
            long galleryId,
            String gallery,
            String statement,
            boolean registeredOnly,
            Instant opens,
            Instant closes) {}

    /** A listed gallery that a session of the programme opens: the programme links the session to it. */
    public record GalleryLink(long id, String name) {}

    /**
     * The listed galleries (never drafts) that the given sessions open, by session; a session opening several galleries
     * links to the first in the event's order.
     */
    public Map<Long, GalleryLink> openedBy(Collection<Long> sessionIds) {
        Map<Long, GalleryLink> links = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return links;
        }
        // the three columns only: loading the galleries would also load each one's hours (an eager collection)
        for (Object[] row : em.createQuery(
                        "select g.openingSession.id, g.id, g.name from Gallery g"
                                + " where g.openingSession.id in ?1 and g.visibility <> ?2 order by g.position, g.id",
                        Object[].class)
                .setParameter(1, sessionIds)
                .setParameter(2, Gallery.Visibility.DRAFT)
                .getResultList()) {
            links.putIfAbsent((Long) row[0], new GalleryLink((Long) row[1], (String) row[2]));
        }
        return links;
    }

    public List<Opening> listed(Event event) {
        List<Opening> openings = new ArrayList<>();
        for (Gallery g : Gallery.<Gallery>list(
                "event.id = ?1 and visibility <> ?2 order by position, id", event.id, Gallery.Visibility.DRAFT)) {
            for (Gallery.Hours h : g.hours) {
                openings.add(new Opening(
                        event.slug,
                        event.zone(),
                        g.id,
                        g.name,
                        g.statement,
                        g.visibility == Gallery.Visibility.REGISTERED,
                        h.opensAt,
                        h.closesAt));
            }
        }
        return openings;
    }
}
