package org.atrium.agenda;

import java.util.List;
import org.atrium.timezone.ZoneView;

/** A participant's own agenda for an event: starred and signed-up sessions by the viewer's local date. */
record AgendaView(
        ViewerProgrammeView.EventRef event,
        ZoneView viewerZone,
        ZoneView eventZone,
        List<Long> starred,
        List<Long> signedUp,
        List<ViewerProgrammeView.DayView> days) {}
