package org.atrium.timezone;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;

/**
 * Reading times as people enter them for an event: either an instant with its offset ({@code 2027-05-12T15:00+04:00},
 * seconds and {@code Z} allowed) or a wall-clock time in the event's zone ({@code 2027-05-12T15:00}). A wall-clock
 * time the zone skips (DST gap) or passes twice (DST overlap) is refused, never guessed: the problem says which gap,
 * or lists both candidate instants so the client can resend one with its offset. One rule for every feature (session
 * times in the catalogue, candidate slots in the fairness view). Pure: no clock, no database.
 */
public final class LocalTimes {

    private LocalTimes() {}

    /**
     * The instant {@code text} names in {@code zone}.
     *
     * @param field the form field, named in problems ({@code start}, {@code end})
     * @throws DomainException 400 {@code time.invalid}, {@code time.nonexistent} or {@code time.ambiguous}
     */
    public static Instant parse(String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new DomainException(
                    400, "time.invalid", "'" + field + "' is required.", Map.of("field", field, "value", ""));
        }
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException notOffset) {
            // fall through to a local time in the event's zone
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new DomainException(
                    400,
                    "time.invalid",
                    "'" + field + "' must be a date-time such as 2027-05-12T15:00 (in the event's time zone) or"
                            + " 2027-05-12T15:00+04:00.",
                    Map.of("field", field, "value", value));
        }
        return resolve(field, local, zone);
    }

    /** The instant of a wall-clock time in {@code zone}, refusing times in a gap or an overlap. */
    public static Instant resolve(String field, LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.atOffset(offsets.getFirst()).toInstant();
        }
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null) {
            throw new DateTimeException("No offset for " + local + " in " + zone);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("localTime", local.toString());
        details.put("timeZone", zone.getId());
        details.put("offsetBefore", offsetId(transition.getOffsetBefore()));
        details.put("offsetAfter", offsetId(transition.getOffsetAfter()));
        details.put("transition", transition.getInstant().toString());
        if (offsets.isEmpty()) {
            details.put("gapStart", transition.getDateTimeBefore().toString());
            details.put("gapEnd", transition.getDateTimeAfter().toString());
            throw new DomainException(
                    400,
                    "time.nonexistent",
                    "'" + field + "' " + local + " does not exist in " + zone.getId() + ": clocks jump from "
                            + transition.getDateTimeBefore().toLocalTime() + " to "
                            + transition.getDateTimeAfter().toLocalTime() + " on "
                            + transition.getDateTimeBefore().toLocalDate() + " ("
                            + offsetId(transition.getOffsetBefore())
                            + " to " + offsetId(transition.getOffsetAfter()) + ").",
                    details);
        }
        List<Map<String, String>> candidates = offsets.stream()
                .map(o -> Map.of(
                        "offset", offsetId(o),
                        "dateTime", local + offsetId(o),
                        "instant", local.atOffset(o).toInstant().toString()))
                .toList();
        details.put("candidates", candidates);
        throw new DomainException(
                400,
                "time.ambiguous",
                "'" + field + "' " + local + " happens twice in " + zone.getId() + " (clocks go back from "
                        + transition.getDateTimeBefore().toLocalTime() + " to "
                        + transition.getDateTimeAfter().toLocalTime() + "); send it with its offset: "
                        + candidates.get(0).get("dateTime") + " or "
                        + candidates.get(1).get("dateTime") + ".",
                details);
    }

    /** {@code +00:00} rather than {@code Z}, so clients can append it to a local time. */
    public static String offsetId(ZoneOffset offset) {
        return offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId();
    }

    /** {@code instant} on the wall clock of {@code zone}, with the offset in force then. */
    public static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime();
    }
}
