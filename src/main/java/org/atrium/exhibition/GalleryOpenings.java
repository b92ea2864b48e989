package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
