package org.atrium.agenda;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.atrium.timezone.LocalTimes;
import org.atrium.timezone.ViewerZones;

/**
 * Zone fairness of a slot: the event's confirmed participants grouped by the local time the slot has for them, and
 * how many of them would attend at night. A participant attends at night when any part of the slot lies between
 * 22:00 and 07:00 on their own clock. Participants who gave no (or no longer understood) zone count in the event's
 * zone and are also counted in {@code withoutZone}.
 */
record FairnessView(
        Long sessionId,
        boolean candidate,
        OffsetDateTime start,
        OffsetDateTime end,
        long durationMinutes,
        int participants,
        int atNight,
        int withoutZone,
        String nightWindow,
        List<Group> groups) {

    static final LocalTime NIGHT_STARTS = LocalTime.of(22, 0);
    static final LocalTime NIGHT_ENDS = LocalTime.of(7, 0);

    /** Participants who see the slot at the same local times. */
    record Group(
            OffsetDateTime localStart,
            OffsetDateTime localEnd,
            int hour,
            int dayShift,
            int count,
            int atNight,
            List<String> zones) {}

    static FairnessView of(
            Long sessionId, boolean candidate, Instant start, Instant end, ZoneId eventZone, List<String> zones) {
        LocalDate eventDate = LocalTimes.at(start, eventZone).toLocalDate();
        Map<String, Acc> groups = new LinkedHashMap<>();
        int withoutZone = 0;
        int atNight = 0;
        for (String given : zones) {
            ZoneId zone = given == null ? null : ViewerZones.tryParse(given).orElse(null);
            if (zone == null) {
                withoutZone++;
                zone = eventZone;
            }
            OffsetDateTime localStart = LocalTimes.at(start, zone);
            OffsetDateTime localEnd = LocalTimes.at(end, zone);
            boolean night = atNight(start, end, zone);
            if (night) {
                atNight++;
            }
            String key = localStart.toLocalDateTime() + "/" + localEnd.toLocalDateTime();
            Acc acc = groups.computeIfAbsent(key, k -> new Acc(localStart, localEnd));
            acc.count++;
            acc.night += night ? 1 : 0;
            acc.zones.add(zone.getId().equals("Z") ? "UTC" : zone.getId());
        }
        List<Group> result = new ArrayList<>();
        groups.values().stream()
                .sorted(Comparator.comparing((Acc a) -> a.start.toLocalDateTime()))
                .forEach(a -> result.add(new Group(
                        a.start,
                        a.end,
                        a.start.getHour(),
                        (int) ChronoUnit.DAYS.between(eventDate, a.start.toLocalDate()),
                        a.count,
                        a.night,
                        List.copyOf(a.zones))));
        return new FairnessView(
                sessionId,
                candidate,
                LocalTimes.at(start, eventZone),
                LocalTimes.at(end, eventZone),
                ChronoUnit.MINUTES.between(start, end),
                zones.size(),
                atNight,
                withoutZone,
                NIGHT_STARTS + "-" + NIGHT_ENDS,
                result);
    }

    /** Whether [start, end) overlaps 22:00-07:00 on the wall clock of {@code zone}. */
    static boolean atNight(Instant start, Instant end, ZoneId zone) {
        LocalDate first = start.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = end.atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant nightStart = ZonedDateTime.of(d, NIGHT_STARTS, zone).toInstant();
            Instant nightEnd = ZonedDateTime.of(d.plusDays(1), NIGHT_ENDS, zone).toInstant();
            if (nightStart.isBefore(end) && start.isBefore(nightEnd)) {
                return true;
            }
        }
        return false;
    }

    private static final class Acc {
        final OffsetDateTime start;
        final OffsetDateTime end;
        int count;
        int night;
        final TreeSet<String> zones = new TreeSet<>();

        Acc(OffsetDateTime start, OffsetDateTime end) {
            this.start = start;
            this.end = end;
        }
    }
}
