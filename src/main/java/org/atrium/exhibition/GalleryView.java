package org.atrium.exhibition;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A gallery as a visitor sees it. {@code openNow} is computed by the server at the time of the response;
 * {@code entry} says whether the caller may see its works ({@code full}) or only that it exists ({@code listed}:
 * registered participants only). {@code openingSession}: the programme's session that opens the gallery, if any.
 */
public record GalleryView(
        long id,
        String name,
        String statement,
        int position,
        Gallery.Visibility visibility,
        boolean premoderation,
        boolean openNow,
        List<HoursView> hours,
        String entry,
        long works,
        boolean mayCurate,
        OpeningSession openingSession) {

    /** The session on the programme that opens the gallery. */
    public record OpeningSession(long id, String title, boolean cancelled) {}

    static GalleryView of(
            Gallery g, Exhibitions.Access access, long works, boolean curates, Instant now, ZoneId viewer) {
        ZoneId eventZone = g.event.zone();
        return new GalleryView(
                g.id,
                g.name,
                g.statement,
                g.position,
                g.visibility,
                g.premoderation,
                g.openAt(now),
                g.hours.stream().map(h -> HoursView.of(h, viewer, eventZone)).toList(),
                access == Exhibitions.Access.FULL ? "full" : "listed",
                access == Exhibitions.Access.FULL ? works : 0,
                curates,
                g.openingSession == null
                        ? null
                        : new OpeningSession(g.openingSession.id, g.openingSession.title, g.openingSession.cancelled));
    }
}
