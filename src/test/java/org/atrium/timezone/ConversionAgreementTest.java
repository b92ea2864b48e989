package org.atrium.timezone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.atrium.common.DomainException;
import org.junit.jupiter.api.Test;

/**
 * Atrium's conversions against the IANA database: java.time's rules for every zone the JVM knows, and, as an
 * independent implementation, the operating system's tzdata read by GNU {@code date}.
 */
class ConversionAgreementTest {

    /** The years events are planned in. */
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    static final Instant TO = Instant.parse("2029-01-01T00:00:00Z");

    static final List<String> NAMED = List.of(
            "Europe/London",
            "America/New_York",
            "Australia/Sydney",
            "Pacific/Chatham",
            "Asia/Baku",
            "Asia/Kolkata",
            "Asia/Kathmandu");

    /** Every transition in the period, one second either side, and a spread of instants between. */
    static List<Instant> instants(ZoneId zone) {
        List<Instant> result = new ArrayList<>();
        for (Instant i = FROM; i.isBefore(TO); i = i.plus(Duration.ofHours(12 * 7 + 5))) {
            result.add(i);
        }
        for (ZoneOffsetTransition t : ZoneView.transitions(zone, FROM, TO)) {
            result.add(t.getInstant().minusSeconds(1));
            result.add(t.getInstant());
            result.add(t.getInstant().plusSeconds(1));
        }
        return result;
    }

    @Test
    void everyJvmZoneAgreesWithJavaTimeAcrossTransitions() {
        int zones = 0;
        int checks = 0;
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId reference = ZoneId.of(id);
            ZoneId atrium = ViewerZones.parse(id.toUpperCase(java.util.Locale.ROOT));
            List<ZoneOffsetTransition> transitions = ZoneView.transitions(atrium, FROM, TO);
            assertEquals(ZoneView.transitions(reference, FROM, TO), transitions, id);
            for (Instant instant : instants(reference)) {
                OffsetDateTime local = LocalTimes.at(instant, atrium);
                assertEquals(reference.getRules().getOffset(instant), local.getOffset(), id + " at " + instant);
                assertEquals(instant.atZone(reference).toLocalDateTime(), local.toLocalDateTime(), id);
                // back from the wall clock: unique local times give the instant; repeated ones are refused
                // with both readings listed, one of them this instant
                LocalDateTime wall = local.toLocalDateTime();
                if (reference.getRules().getValidOffsets(wall).size() == 1) {
                    assertEquals(instant, LocalTimes.resolve("start", wall, atrium), id + " " + wall);
                } else {
                    DomainException e =
                            assertThrows(DomainException.class, () -> LocalTimes.resolve("start", wall, atrium));
                    assertEquals("time.ambiguous", e.code());
                    assertTrue(
                            ((List<?>) e.details().get("candidates"))
                                    .stream()
                                            .anyMatch(c -> ((java.util.Map<?, ?>) c)
                                                    .get("instant")
                                                    .equals(instant.toString())),
                            id);
                }
                checks++;
            }
            // between two transitions the offset is the later one's "after" offset
            for (int i = 0; i + 1 < transitions.size(); i++) {
                Instant middle = transitions
                        .get(i)
                        .getInstant()
                        .plus(Duration.between(
                                        transitions.get(i).getInstant(),
                                        transitions.get(i + 1).getInstant())
                                .dividedBy(2));
                assertEquals(
                        transitions.get(i).getOffsetAfter(),
                        LocalTimes.at(middle, atrium).getOffset(),
                        id);
            }
            zones++;
        }
        assertTrue(zones > 400, "the JVM knows " + zones + " zones");
        System.out.printf("conversion agreement: %d zones, %d instants, tzdb %s%n", zones, checks, tzdb());
    }

    @Test
    void theNamedZonesHaveTheExpectedShape() {
        // offsets that are not whole hours
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), offset("Asia/Kolkata", "2027-05-12T00:00:00Z"));
        assertEquals(ZoneOffset.ofHoursMinutes(5, 45), offset("Asia/Kathmandu", "2027-05-12T00:00:00Z"));
        assertEquals(ZoneOffset.ofHoursMinutes(13, 45), offset("Pacific/Chatham", "2027-01-12T00:00:00Z"));
        assertEquals(ZoneOffset.ofHoursMinutes(12, 45), offset("Pacific/Chatham", "2027-07-12T00:00:00Z"));
        // Baku dropped daylight saving in 2016: no transitions in the event years
        assertEquals(List.of(), ZoneView.transitions(ZoneId.of("Asia/Baku"), FROM, TO));
        assertEquals(
                6, ZoneView.transitions(ZoneId.of("Europe/London"), FROM, TO).size());
        assertEquals(
                6, ZoneView.transitions(ZoneId.of("Australia/Sydney"), FROM, TO).size());
    }

    @Test
    void gapsAreRefusedAndOverlapsNeedTheirOffset() {
        ZoneId london = ZoneId.of("Europe/London");
        DomainException gap =
                assertThrows(DomainException.class, () -> LocalTimes.parse("start", "2027-03-28T01:30", london));
        assertEquals("time.nonexistent", gap.code());
        DomainException overlap =
                assertThrows(DomainException.class, () -> LocalTimes.parse("start", "2027-10-31T01:30", london));
        assertEquals("time.ambiguous", overlap.code());
        assertEquals(
                List.of("2027-10-31T01:30+01:00", "2027-10-31T01:30+00:00"),
                ((List<?>) overlap.details().get("candidates"))
                        .stream()
                                .map(c -> ((java.util.Map<?, ?>) c).get("dateTime"))
                                .toList());
        assertEquals(Instant.parse("2027-10-31T01:30:00Z"), LocalTimes.parse("start", "2027-10-31T01:30Z", london));
        assertEquals(
                Instant.parse("2027-10-31T00:30:00Z"), LocalTimes.parse("start", "2027-10-31T01:30+01:00", london));
        assertEquals(
                Instant.parse("2027-05-12T11:00:00Z"),
                LocalTimes.parse("start", "2027-05-12T15:00", ZoneId.of("Asia/Baku")));
        assertEquals(
                "time.invalid",
                assertThrows(DomainException.class, () -> LocalTimes.parse("start", "tomorrow", london))
                        .code());
    }

    /**
     * The independent source: GNU date reading the system's compiled tzdata (/usr/share/zoneinfo), one process per
     * zone over all transitions and a spread of instants in the event years.
     */
    @Test
    void namedZonesAgreeWithTheSystemTzdata() throws Exception {
        Path zoneinfo = Path.of("/usr/share/zoneinfo");
        assumeTrue(Files.isDirectory(zoneinfo), "no /usr/share/zoneinfo on this machine: independent check skipped");
        assumeTrue(runs("date", "--version"), "no GNU date on this machine: independent check skipped");
        int compared = 0;
        for (String id : NAMED) {
            assumeTrue(Files.exists(zoneinfo.resolve(id)), "system tzdata lacks " + id);
            ZoneId zone = ViewerZones.parse(id);
            List<Instant> instants = instants(zone);
            Map<Long, String> system = systemOffsets(id, instants);
            for (Instant instant : instants) {
                ZoneOffset ours = LocalTimes.at(instant, zone).getOffset();
                String expected = system.get(instant.getEpochSecond());
                assertEquals(expected, plusHhmm(ours), id + " at " + instant);
                compared++;
            }
        }
        assertTrue(compared > 7 * 19, "compared " + compared);
        System.out.printf(
                "system tzdata agreement: %d instants in %d zones (JVM tzdb %s, system %s)%n",
                compared, NAMED.size(), tzdb(), systemTzdataVersion());
    }

    /** A session at 01:30 Baku time is the evening before in London; with DST changes inside a session. */
    @Test
    void midnightAndDstCases() {
        Instant start = ZonedDateTime.of(2027, 5, 12, 1, 30, 0, 0, ZoneId.of("Asia/Baku"))
                .toInstant();
        OffsetDateTime london = LocalTimes.at(start, ViewerZones.parse("Europe/London"));
        assertEquals(OffsetDateTime.parse("2027-05-11T22:30+01:00"), london);
        // Europe/London leaves summer time on 2027-10-31 at 02:00 BST (01:00 UTC): 00:30 BST -> 02:30 GMT is 3 hours
        Instant s = Instant.parse("2027-10-30T23:30:00Z");
        Instant e = Instant.parse("2027-10-31T02:30:00Z");
        ZoneId zone = ZoneId.of("Europe/London");
        assertEquals(OffsetDateTime.parse("2027-10-31T00:30+01:00"), LocalTimes.at(s, zone));
        assertEquals(OffsetDateTime.parse("2027-10-31T02:30Z"), LocalTimes.at(e, zone));
        List<ZoneOffsetTransition> inside = ZoneView.transitions(zone, s, e);
        assertEquals(1, inside.size());
        assertFalse(inside.get(0).isGap());
    }

    private static ZoneOffset offset(String zone, String instant) {
        return LocalTimes.at(Instant.parse(instant), ViewerZones.parse(zone)).getOffset();
    }

    static String plusHhmm(ZoneOffset offset) {
        return DateTimeFormatter.ofPattern("xx").format(offset);
    }

    private static Map<Long, String> systemOffsets(String zone, List<Instant> instants)
            throws IOException, InterruptedException {
        Path input = Files.createTempFile("atrium-tz", ".txt");
        try {
            StringBuilder lines = new StringBuilder();
            instants.forEach(i -> lines.append('@').append(i.getEpochSecond()).append('\n'));
            Files.writeString(input, lines);
            ProcessBuilder pb = new ProcessBuilder("date", "-f", input.toString(), "+%s %z");
            pb.environment().put("TZ", zone);
            pb.environment().put("LC_ALL", "C");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "date failed: " + out);
            Map<Long, String> result = new LinkedHashMap<>();
            for (String line : out.strip().split("\n")) {
                String[] parts = line.strip().split(" ");
                result.put(Long.parseLong(parts[0]), parts[1]);
            }
            assertEquals(instants.stream().distinct().count(), result.size(), zone);
            return result;
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String systemTzdataVersion() {
        try {
            return Files.readAllLines(Path.of("/usr/share/zoneinfo/tzdata.zi")).get(0);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String tzdb() {
        return TzdbHealthCheck.tzdbVersion();
    }
}
