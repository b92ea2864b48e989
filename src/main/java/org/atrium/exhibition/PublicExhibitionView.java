package org.atrium.exhibition;

import java.time.Instant;
import java.util.List;

/** The public JSON of an event's exhibition ({@code exhibition.json}), for other sites. */
public record PublicExhibitionView(
        String event, String title, String timeZone, String page, Instant generatedAt, List<GalleryEntry> galleries) {

    /** A published gallery (hours on the event's clock), its page in Atrium, and its works. */
    public record GalleryEntry(GalleryView gallery, String page, List<WorkView> works) {}
}
