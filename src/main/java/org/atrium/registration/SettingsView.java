package org.atrium.registration;

import java.time.Instant;
import java.time.LocalDateTime;
import org.atrium.event.Event;

/**
 * Registration settings as anyone who can see the event may read them, with the place counts a sign-up page shows.
 * {@code deadline} is local to the event's zone ({@code timeZone}); {@code deadlineAt} is the same instant in UTC.
 */
record SettingsView(
        String event,
        boolean open,
        LocalDateTime deadline,
        Instant deadlineAt,
        String timeZone,
        Integer capacity,
        RegistrationSettings.Mode mode,
        long confirmed,
        long waitlisted,
        Long placesLeft,
        long version) {

    static SettingsView of(Event event, RegistrationSettings s, long confirmed, long waitlisted) {
        return new SettingsView(
                event.slug,
                s.open,
                s.deadline == null ? null : LocalDateTime.ofInstant(s.deadline, event.zone()),
                s.deadline,
                event.timeZone,
                s.capacity,
                s.mode,
                confirmed,
                waitlisted,
                s.capacity == null ? null : Math.max(0, s.capacity - confirmed),
                s.version);
    }
}
