package org.atrium.agenda;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.atrium.timezone.LocalTimes;
import org.atrium.timezone.ViewerZone;
import org.atrium.timezone.ZoneView;

/** "When is this for us": one session in several zones, next to the viewer's and the event's own clock. */
record ZoneTimesView(
        long id,
        String title,
        boolean cancelled,
        long durationMinutes,
        ZoneView viewerZone,
        At viewer,
        At event,
        List<At> zones) {

    /** The session on one zone's clock. */
    record At(
            String zone,
            String input,
            String kind,
            OffsetDateTime start,
            OffsetDateTime end,
            LocalDate startDate,
            int dayShift,
            boolean offsetChanges) {

        static At of(String input, ZoneId zone, Slot s, ZoneId eventZone) {
            OffsetDateTime start = LocalTimes.at(s.start(), zone);
            OffsetDateTime end = LocalTimes.at(s.end(), zone);
            LocalDate eventDate = LocalTimes.at(s.start(), eventZone).toLocalDate();
            return new At(
                    zone.getId().equals("Z") ? "UTC" : zone.getId(),
                    input,
                    zone instanceof ZoneOffset ? "offset" : "region",
                    start,
                    end,
                    start.toLocalDate(),
                    (int) ChronoUnit.DAYS.between(eventDate, start.toLocalDate()),
                    !start.getOffset().equals(end.getOffset()));
        }
    }

    record Requested(String input, ZoneId zone) {}

    static ZoneTimesView of(Slot s, ViewerZone viewer, ZoneId eventZone, List<Requested> zones) {
        return new ZoneTimesView(
                s.id(),
                s.title(),
                s.cancelled(),
                s.duration().toMinutes(),
                ZoneView.of(viewer, s.start(), s.end()),
                At.of(null, viewer.zone(), s, eventZone),
                At.of(null, eventZone, s, eventZone),
                zones.stream()
                        .map(z -> At.of(z.input(), z.zone(), s, eventZone))
                        .toList());
    }
}
