package org.atrium.exhibition;

import java.util.List;
import org.atrium.timezone.ZoneView;

/** One gallery with its works, in their order, as a visitor entering it sees it. */
public record GalleryPageView(
        String event,
        String eventTitle,
        String timeZone,
        ZoneView viewerZone,
        GalleryView gallery,
        List<WorkView> works) {}
