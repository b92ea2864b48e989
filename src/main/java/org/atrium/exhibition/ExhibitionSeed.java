package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;

/**
 * Building an exhibition from the server's own code (the demo event), in the caller's transaction, with no caller's
 * rights checked: the same entities and the same media pipeline as the REST API, images included.
 */
@ApplicationScoped
public class ExhibitionSeed {

    @Inject
    MediaUploads uploads;

    @Inject
    Exhibitions exhibitions;

    /** One opening of a gallery. */
    public record Opening(Instant opens, Instant closes) {}

    /** A work's fields, as the demo writes them. */
    public record WorkFields(
            String title,
            String artist,
            Integer year,
            String medium,
            String dimensions,
            String description,
            String credits,
            String contentWarning) {}

    public long gallery(
            Event event, String name, String statement, int position, boolean published, List<Opening> hours) {
        Gallery g = new Gallery();
        g.event = event;
        g.name = name;
        g.statement = statement;
        g.position = position;
        g.visibility = published ? Gallery.Visibility.PUBLISHED : Gallery.Visibility.REGISTERED;
        for (Opening o : hours) {
            g.hours.add(new Gallery.Hours(o.opens(), o.closes()));
        }
        g.persist();
        return g.id;
    }

    /** Makes {@code session} the gallery's opening: the programme links it to the gallery. */
    public void openedBy(long galleryId, ConferenceSession session) {
        Gallery.<Gallery>findById(galleryId).openingSession = session;
    }

    public long work(Event event, long galleryId, int position, WorkFields f) {
        Work w = new Work();
        w.event = event;
        w.gallery = Gallery.findById(galleryId);
        w.position = position;
        w.title = f.title();
        w.artists.add(new Work.Artist(f.artist(), null));
        w.year = f.year();
        w.medium = f.medium();
        w.dimensions = f.dimensions();
        w.description = f.description();
        w.credits = f.credits();
        w.contentWarning = f.contentWarning();
        w.persist();
        return w.id;
    }

    /** Adds an image (PNG or JPEG bytes) to the work, re-encoded into its sizes like any upload. */
    public void image(Event event, long workId, String alt, byte[] image) {
        Work w = Work.findById(workId);
        uploads.addTrusted(event, w, alt, image);
    }

    public void curator(Event event, String subject) {
        exhibitions.addCurator(event.id, subject);
    }
}
