package org.atrium.exhibition;

import java.time.Instant;
import java.util.List;
import org.atrium.timezone.ZoneView;

/** An event's exhibition: the galleries the caller may know of, with hours on the viewer's clock. */
public record ExhibitionView(
        String event,
        String title,
        String timeZone,
        ZoneView viewerZone,
        Instant now,
        boolean mayCurate,
        List<GalleryView> galleries) {}
