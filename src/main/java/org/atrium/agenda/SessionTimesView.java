package org.atrium.agenda;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.atrium.exhibition.GalleryOpenings;
import org.atrium.timezone.LocalTimes;

/**
 * A session on a viewer's clock, and always also on the event's clock. {@code dayShift} is how many days the
 * viewer's start date lies after (+) or before (-) the event's calendar date of the session; {@code offsetChanges}
 * says the viewer's clocks change during the session (so end minus start on the wall clock is not the duration);
 * {@code gallery}: the exhibition's gallery the session opens, if any.
 */
record SessionTimesView(
        long id,
        String title,
        String type,
        String room,
        String track,
        List<String> speakers,
        boolean cancelled,
        int scheduleRevision,
        OffsetDateTime start,
        OffsetDateTime end,
        long durationMinutes,
        boolean offsetChanges,
        LocalDate eventDate,
        int dayShift,
        OffsetDateTime eventStart,
        OffsetDateTime eventEnd,
        GalleryOpenings.GalleryLink gallery) {

    static SessionTimesView of(Slot s, ZoneId viewer, ZoneId eventZone) {
        OffsetDateTime start = LocalTimes.at(s.start(), viewer);
        OffsetDateTime end = LocalTimes.at(s.end(), viewer);
        OffsetDateTime eventStart = LocalTimes.at(s.start(), eventZone);
        return new SessionTimesView(
                s.id(),
                s.title(),
                s.type(),
                s.room(),
                s.track(),
                s.persons().stream().map(Slot.Person::name).toList(),
                s.cancelled(),
                s.revision(),
                start,
                end,
                s.duration().toMinutes(),
                !start.getOffset().equals(end.getOffset()),
                eventStart.toLocalDate(),
                (int) ChronoUnit.DAYS.between(eventStart.toLocalDate(), start.toLocalDate()),
                eventStart,
                LocalTimes.at(s.end(), eventZone),
                s.gallery());
    }
}
