package org.atrium.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.atrium.timezone.LocalTimes;

/**
 * Reads a session time as an organiser writes it; the rules (offset or event-local wall clock, DST gaps and overlaps
 * refused with {@code time.nonexistent} / {@code time.ambiguous}) live in {@link LocalTimes} so that every feature
 * reading times uses the same ones.
 */
final class SessionTimes {

    private SessionTimes() {}

    static Instant parse(String field, String text, ZoneId zone) {
        return LocalTimes.parse(field, text, zone);
    }

    static Instant resolve(String field, LocalDateTime local, ZoneId zone) {
        return LocalTimes.resolve(field, local, zone);
    }

    static String offsetId(ZoneOffset offset) {
        return LocalTimes.offsetId(offset);
    }

    /** The instant as an offset date-time on the event's wall clock. */
    static OffsetDateTime local(Instant instant, ZoneId zone) {
        return LocalTimes.at(instant, zone);
    }
}
