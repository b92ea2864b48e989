package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
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
        for (Gallery g : Gallery.<Gallery>list(
                "openingSession.id in ?1 and visibility <> ?2 order by position, id",
                sessionIds,
                Gallery.Visibility.DRAFT)) {
            links.putIfAbsent(g.openingSession.id, new GalleryLink(g.id, g.name));
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
