package org.atrium.agenda;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.atrium.event.Event;
import org.atrium.timezone.ViewerZone;
import org.atrium.timezone.ZoneView;

/**
 * An event's programme grouped by the viewer's local date. A day that is not one of the event's own calendar days,
 * or that holds sessions from another event day (a 01:30 Baku session is the evening before in London), is marked.
 */
record ViewerProgrammeView(EventRef event, ZoneView viewerZone, ZoneView eventZone, List<DayView> days) {

    record EventRef(String slug, String title, String timeZone, LocalDate firstDay, LocalDate lastDay) {
        static EventRef of(Event e) {
            return new EventRef(e.slug, e.title, e.timeZone, e.firstDay, e.lastDay);
        }
    }

    /**
     * One local date of the viewer. {@code eventDay}: the date is one of the event's calendar days.
     * {@code differsFromEventDay}: some session here falls on another event-local date.
     */
    record DayView(
            LocalDate date,
            boolean eventDay,
            boolean differsFromEventDay,
            List<LocalDate> eventDates,
            List<SessionTimesView> sessions) {}

    static ViewerProgrammeView of(Event event, ViewerZone viewer, List<Slot> slots) {
        ZoneId eventZone = event.zone();
        return new ViewerProgrammeView(
                EventRef.of(event),
                ZoneView.of(viewer, event.opensAt(), event.closesAt()),
                ZoneView.of(eventZone, ViewerZone.Source.EVENT, event.opensAt(), event.closesAt()),
                days(slots, viewer.zone(), eventZone, event.firstDay, event.lastDay));
    }

    static List<DayView> days(
            List<Slot> slots, ZoneId viewer, ZoneId eventZone, LocalDate firstDay, LocalDate lastDay) {
        Map<LocalDate, List<SessionTimesView>> byDate = new TreeMap<>();
        for (Slot s : slots) {
            SessionTimesView times = SessionTimesView.of(s, viewer, eventZone);
            byDate.computeIfAbsent(times.start().toLocalDate(), d -> new ArrayList<>())
                    .add(times);
        }
        List<DayView> days = new ArrayList<>();
        byDate.forEach((date, sessions) -> {
            List<LocalDate> eventDates = sessions.stream()
                    .map(SessionTimesView::eventDate)
                    .distinct()
                    .sorted()
                    .toList();
            boolean eventDay = !date.isBefore(firstDay) && !date.isAfter(lastDay);
            boolean differs = eventDates.stream().anyMatch(d -> !d.equals(date));
            days.add(new DayView(date, eventDay, differs, eventDates, List.copyOf(sessions)));
        });
        return days;
    }
}
