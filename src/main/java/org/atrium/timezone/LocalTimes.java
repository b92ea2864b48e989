package org.atrium.timezone;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;

/**
 * Reading times that people enter for an event: an instant with its offset ({@code 2027-05-12T15:00+04:00}) or a
 * wall-clock time in the event's zone ({@code 2027-05-12T15:00}). A wall-clock time that does not exist there (a
 * daylight-saving gap) is refused; one that exists twice (the hour after clocks go back) must carry its offset, and
 * the problem lists both.
 */
public final class LocalTimes {

    private LocalTimes() {}

    public static Instant parse(String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new DomainException(400, "time.required", field + " is required.", Map.of("field", field));
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an instant with an offset: try a wall-clock time in the event's zone
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new DomainException(
                    400,
                    "time.invalid",
                    field + " must be a time such as 2027-05-12T15:00 (in the event's zone) or 2027-05-12T15:00+04:00.",
                    Map.of("field", field, "input", value));
        }
        return resolve(field, local, zone);
    }

    public static Instant resolve(String field, LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.atOffset(offsets.get(0)).toInstant();
        }
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            throw new DomainException(
                    400,
                    "time.in-gap",
                    field + " " + local + " does not exist in " + zone.getId() + ": clocks go forward from "
                            + gap.getDateTimeBefore() + " to " + gap.getDateTimeAfter() + ".",
                    Map.of(
                            "field", field,
                            "input", local.toString(),
                            "zone", zone.getId(),
                            "gapStart", gap.getDateTimeBefore().toString(),
                            "gapEnd", gap.getDateTimeAfter().toString()));
        }
        List<String> options =
                offsets.stream().map(o -> local.atOffset(o).toString()).toList();
        throw new DomainException(
                400,
                "time.ambiguous",
                field + " " + local + " happens twice in " + zone.getId()
                        + " (clocks go back); give it with its offset: " + String.join(" or ", options) + ".",
                Map.of("field", field, "input", local.toString(), "zone", zone.getId(), "options", options));
    }

    /** {@code instant} on the wall clock of {@code zone}. */
    public static OffsetDateTime at(Instant instant, ZoneId zone) {
        try {
            return instant.atZone(zone).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw new IllegalStateException("Cannot place " + instant + " in " + zone, e);
        }
    }
}
