package org.atrium.timezone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ibm.icu.util.BasicTimeZone;
import com.ibm.icu.util.TimeZoneRule;
import com.ibm.icu.util.TimeZoneTransition;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.atrium.common.DomainException;
import org.junit.jupiter.api.Test;

/**
 * Atrium's conversions against two implementations that share none of its code: ICU4J (its own tz data compiled into
 * the jar, its own rule engine) for every zone both know, and the operating system's tzdata read by GNU {@code date}
 * for the named zones. java.time, which Atrium's conversions are built on, is under test here, never the reference.
 */
class ConversionAgreementTest {

    /** The years events are planned in, for the shape checks below. */
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    static final Instant TO = Instant.parse("2029-01-01T00:00:00Z");

    /** The period the oracles cover. */
    static final Instant ORACLE_FROM = Instant.parse("2020-01-01T00:00:00Z");

    static final Instant ORACLE_TO = Instant.parse("2036-01-01T00:00:00Z");

    static final List<String> NAMED = List.of(
            "Europe/London",
            "America/New_York",
            "Australia/Sydney",
            "Pacific/Chatham",
            "Asia/Baku",
            "Asia/Kolkata",
            "Asia/Kathmandu");

    /**
     * Zones whose rules changed in a tz release newer than ICU's data, so ICU is knowingly wrong for them: zone ->
     * the release that changed it, and what changed. A listed zone must disagree (else the entry is stale and fails),
     * and the JDK's data must be at least that release. Never a silent skip: an unlisted disagreement fails.
     */
    static final Map<String, TzChange> NEWER_THAN_ICU = Map.of(
            "Europe/Chisinau",
            TzChange.MOLDOVA_EU_RULES,
            "Europe/Tiraspol", // a link to Europe/Chisinau
            TzChange.MOLDOVA_EU_RULES);

    /** Zones the JDK knows and ICU does not yet (added in a newer tz release), with that release. */
    static final Map<String, TzChange> UNKNOWN_TO_ICU = Map.of(
            "America/Coyhaique",
            new TzChange(
                    "2025a",
                    "2025b",
                    "new zone for Chile's Aysen Region, which moved from -04/-03 to -03 all year in 2025 (tzdata"
                            + " 2025b)"));

    /**
     * A change of the tz data: absent from release {@code absentIn} (or earlier), present from {@code presentIn} on.
     * The test checks that ICU's data is no newer than {@code absentIn} and the JDK's no older than {@code presentIn}.
     */
    record TzChange(String absentIn, String presentIn, String what) {

        /**
         * Moldova's clocks change with the EU's (01:00 UTC) since 2022, not at 02:00 local standard time (00:00 UTC).
         * Absent from 2025b: this machine's Debian tzdata 2025b and ICU's 2025a both have 00:00 UTC (checked with
         * {@code TZ=Europe/Chisinau date -d 2026-03-29T00:00Z}, which gives 03:00 +0300); the JDK's 2026a has 01:00
         * UTC, so the change came in a release after 2025b.
         */
        static final TzChange MOLDOVA_EU_RULES = new TzChange(
                "2025b",
                "2026a",
                "Moldova's transitions since 2022 at 01:00 UTC (EU rules), not 00:00 UTC: one hour's difference"
                        + " around each change");
    }

    /** Every transition in the period, one second either side, and a spread of instants between. */
    static List<Instant> instants(ZoneId zone, Instant from, Instant to) {
        List<Instant> result = new ArrayList<>();
        for (Instant i = from; i.isBefore(to); i = i.plus(Duration.ofHours(12 * 7 + 5))) {
            result.add(i);
        }
        for (ZoneOffsetTransition t : ZoneView.transitions(zone, from, to)) {
            result.add(t.getInstant().minusSeconds(1));
            result.add(t.getInstant());
            result.add(t.getInstant().plusSeconds(1));
        }
        return result;
    }

    /**
     * For every JVM zone that ICU also knows: the transitions Atrium reports in 2020-2035 are ICU's (instant, offset
     * before, offset after); Atrium's offset at each transition instant and one second before it is ICU's; and local
     * wall-clock times around each transition (gap and overlap edges and middles) resolve as ICU resolves them: one
     * instant, a refused gap ({@code time.nonexistent}) or a refused overlap listing both of ICU's instants
     * ({@code time.ambiguous}).
     */
    @Test
    void everyZoneAgreesWithIcuAcrossTransitions() {
        String jdk = tzdb();
        String icu = com.ibm.icu.util.TimeZone.getTZDataVersion();
        System.out.printf("tz data: JDK %s, ICU4J %s (%s)%n", jdk, icu, com.ibm.icu.util.VersionInfo.ICU_VERSION);
        List<String> disagreements = new ArrayList<>();
        List<String> unknownToIcu = new ArrayList<>();
        int zones = 0;
        int transitions = 0;
        int localTimes = 0;
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            if (com.ibm.icu.util.TimeZone.getCanonicalID(id) == null) {
                unknownToIcu.add(id);
                continue;
            }
            BasicTimeZone reference =
                    (BasicTimeZone) com.ibm.icu.util.TimeZone.getTimeZone(id, com.ibm.icu.util.TimeZone.TIMEZONE_ICU);
            ZoneId atrium = ViewerZones.parse(id.toUpperCase(Locale.ROOT));
            List<String> problems = compare(atrium, reference);
            if (!problems.isEmpty()) {
                disagreements.add(id + ": " + problems.get(0)
                        + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : ""));
            }
            zones++;
            int count = icuTransitions(reference, ORACLE_FROM, ORACLE_TO).size();
            transitions += count;
            localTimes += 5 * count; // five wall-clock times per transition, see compare()
        }
        System.out.printf(
                "ICU agreement: %d zones, %d transitions 2020-2035, %d local times resolved; %d disagree, %d unknown to"
                        + " ICU%n",
                zones, transitions, localTimes, disagreements.size(), unknownToIcu.size());
        disagreements.forEach(d -> System.out.println("  disagrees: " + d));
        unknownToIcu.forEach(id -> System.out.println("  unknown to ICU: " + id));

        List<String> unexplained = disagreements.stream()
                .filter(d -> !NEWER_THAN_ICU.containsKey(d.substring(0, d.indexOf(':'))))
                .toList();
        assertEquals(List.of(), unexplained, "zones where Atrium and ICU (tz " + icu + ", JDK " + jdk + ") disagree");
        List<String> stale = NEWER_THAN_ICU.keySet().stream()
                .filter(id -> disagreements.stream().noneMatch(d -> d.startsWith(id + ":")))
                .sorted()
                .toList();
        assertEquals(List.of(), stale, "listed as changed after ICU's tz " + icu + " but now agreeing: remove them");
        assertEquals(
                new TreeSet<>(UNKNOWN_TO_ICU.keySet()), new TreeSet<>(unknownToIcu), "JVM zones ICU does not know");
        for (Map.Entry<String, TzChange> e :
                concat(NEWER_THAN_ICU, UNKNOWN_TO_ICU).entrySet()) {
            TzChange change = e.getValue();
            assertTrue(
                    icu.compareTo(change.absentIn()) <= 0,
                    e.getKey() + ": ICU's tz " + icu + " is newer than " + change.absentIn() + "; check the entry");
            assertTrue(
                    jdk.compareTo(change.presentIn()) >= 0,
                    e.getKey() + ": the JDK's tz " + jdk + " predates " + change.presentIn() + "; check the entry");
        }
        assertTrue(zones > 590, "compared " + zones + " zones");
        assertTrue(transitions > 1000, "compared " + transitions + " transitions");
    }

    private static Map<String, TzChange> concat(Map<String, TzChange> a, Map<String, TzChange> b) {
        Map<String, TzChange> all = new TreeMap<>(a);
        all.putAll(b);
        return all;
    }

    /** What differs between Atrium and ICU for one zone in 2020-2035, empty when they agree. */
    private static List<String> compare(ZoneId atrium, BasicTimeZone reference) {
        List<String> problems = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (TimeZoneTransition t : icuTransitions(reference, ORACLE_FROM, ORACLE_TO)) {
            expected.add(Instant.ofEpochMilli(t.getTime()) + " " + offset(t.getFrom()) + " -> " + offset(t.getTo()));
        }
        List<String> actual = ZoneView.transitions(atrium, ORACLE_FROM, ORACLE_TO).stream()
                .map(t -> t.getInstant() + " " + t.getOffsetBefore() + " -> " + t.getOffsetAfter())
                .toList();
        if (!expected.equals(actual)) {
            int first = 0;
            while (first < Math.min(expected.size(), actual.size())
                    && expected.get(first).equals(actual.get(first))) {
                first++;
            }
            problems.add(actual.size() + " transitions, ICU " + expected.size() + "; first difference: "
                    + (first < actual.size() ? actual.get(first) : "none") + ", ICU "
                    + (first < expected.size() ? expected.get(first) : "none"));
            return problems;
        }
        List<Instant> instants = new ArrayList<>(List.of(ORACLE_FROM, ORACLE_TO.minusSeconds(1)));
        for (TimeZoneTransition t : icuTransitions(reference, ORACLE_FROM, ORACLE_TO)) {
            instants.add(Instant.ofEpochMilli(t.getTime()));
            instants.add(Instant.ofEpochMilli(t.getTime()).minusSeconds(1));
        }
        for (Instant instant : instants) {
            ZoneOffset ours = LocalTimes.at(instant, atrium).getOffset();
            ZoneOffset theirs = icuOffset(reference, instant);
            if (!ours.equals(theirs)) {
                problems.add("offset at " + instant + " is " + ours + ", ICU " + theirs);
            }
        }
        for (TimeZoneTransition t : icuTransitions(reference, ORACLE_FROM, ORACLE_TO)) {
            Instant at = Instant.ofEpochMilli(t.getTime());
            ZoneOffset before = offset(t.getFrom());
            ZoneOffset after = offset(t.getTo());
            LocalDateTime mid = LocalDateTime.ofEpochSecond(
                    at.getEpochSecond() + (before.getTotalSeconds() + after.getTotalSeconds()) / 2, 0, ZoneOffset.UTC);
            for (LocalDateTime local : List.of(
                    LocalDateTime.ofInstant(at.minusSeconds(1), before),
                    LocalDateTime.ofInstant(at, before),
                    LocalDateTime.ofInstant(at.minusSeconds(1), after),
                    LocalDateTime.ofInstant(at, after),
                    mid)) {
                String problem = compareResolution(atrium, reference, local);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    /** Atrium's reading of a wall-clock time against ICU's: the instants whose local time in ICU is {@code local}. */
    private static String compareResolution(ZoneId atrium, BasicTimeZone reference, LocalDateTime local) {
        List<Instant> icu = icuInstants(reference, local);
        try {
            Instant ours = LocalTimes.resolve("start", local, atrium);
            return icu.equals(List.of(ours)) ? null : local + " is " + ours + ", ICU " + icu;
        } catch (DomainException e) {
            if (e.code().equals("time.nonexistent")) {
                return icu.isEmpty() ? null : local + " refused as a gap, ICU " + icu;
            }
            if (e.code().equals("time.ambiguous")) {
                List<Instant> candidates = ((List<?>) e.details().get("candidates"))
                        .stream()
                                .map(c -> Instant.parse((String) ((Map<?, ?>) c).get("instant")))
                                .sorted()
                                .toList();
                return icu.size() == 2 && icu.equals(candidates)
                        ? null
                        : local + " refused as ambiguous " + candidates + ", ICU " + icu;
            }
            throw e;
        }
    }

    /**
     * ICU's readings of a wall-clock time: every offset the zone has within a day of it that, applied, lands on an
     * instant where ICU says that offset is in force. Empty in a gap, two in an overlap.
     */
    static List<Instant> icuInstants(BasicTimeZone zone, LocalDateTime local) {
        long localMillis = local.toEpochSecond(ZoneOffset.UTC) * 1000;
        Set<Integer> offsets = new TreeSet<>();
        offsets.add(zone.getOffset(localMillis - Duration.ofHours(26).toMillis()));
        for (TimeZoneTransition t : icuTransitions(
                zone,
                Instant.ofEpochMilli(localMillis - Duration.ofHours(26).toMillis()),
                Instant.ofEpochMilli(localMillis + Duration.ofHours(26).toMillis()))) {
            offsets.add(t.getTo().getRawOffset() + t.getTo().getDSTSavings());
        }
        return offsets.stream()
                .filter(o -> zone.getOffset(localMillis - o) == o)
                .map(o -> Instant.ofEpochMilli(localMillis - o))
                .sorted()
                .toList();
    }

    /** ICU's transitions in [from, to) that change the offset in force (not only a rule's name or DST flag). */
    static List<TimeZoneTransition> icuTransitions(BasicTimeZone zone, Instant from, Instant to) {
        List<TimeZoneTransition> result = new ArrayList<>();
        long base = from.toEpochMilli();
        TimeZoneTransition t = zone.getNextTransition(base, true);
        while (t != null && t.getTime() < to.toEpochMilli()) {
            if (!offset(t.getFrom()).equals(offset(t.getTo()))) {
                result.add(t);
            }
            t = zone.getNextTransition(t.getTime(), false);
        }
        return result;
    }

    private static ZoneOffset offset(TimeZoneRule rule) {
        return ZoneOffset.ofTotalSeconds((rule.getRawOffset() + rule.getDSTSavings()) / 1000);
    }

    private static ZoneOffset icuOffset(BasicTimeZone zone, Instant instant) {
        return ZoneOffset.ofTotalSeconds(zone.getOffset(instant.toEpochMilli()) / 1000);
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
     * The second independent source: GNU date reading the system's compiled tzdata (/usr/share/zoneinfo), one process
     * per zone over all transitions in 2020-2035 and a spread of instants. Whether {@code date} honours {@code TZ} is
     * decided once, before comparing anything: a machine without it skips with the reason, except under CI, where a
     * missing tool fails.
     */
    @Test
    void namedZonesAgreeWithTheSystemTzdata() throws Exception {
        String missing = systemDateMissing();
        if (missing != null) {
            assertFalse("true".equals(System.getenv("CI")), "under CI the system tzdata check must run: " + missing);
            assumeTrue(false, missing + ": independent check skipped");
        }
        int compared = 0;
        for (String id : NAMED) {
            ZoneId zone = ViewerZones.parse(id);
            List<Instant> instants = instants(zone, ORACLE_FROM, ORACLE_TO);
            Map<Long, String> system = systemOffsets(id, instants);
            for (Instant instant : instants) {
                ZoneOffset ours = LocalTimes.at(instant, zone).getOffset();
                String expected = system.get(instant.getEpochSecond());
                assertEquals(expected, plusHhmm(ours), id + " at " + instant);
                compared++;
            }
        }
        assertTrue(compared > 7 * 60, "compared " + compared);
        System.out.printf(
                "system tzdata agreement: %d instants in %d zones (JVM tzdb %s, system %s)%n",
                compared, NAMED.size(), tzdb(), systemTzdataVersion());
    }

    /**
     * Null when GNU date reads zones from TZ: London's offset in summer and in winter, and Kathmandu's, must come out
     * as the well-known values (a date without tzdata falls back to UTC silently). Otherwise why not.
     */
    private static String systemDateMissing() {
        if (!runs("date", "--version")) {
            return "no GNU date on this machine";
        }
        Map<String, String> probes = Map.of(
                "Europe/London 1783080000", "+0100", // 2026-07-03T12:00Z
                "Europe/London 1798977600", "+0000", // 2027-01-03T12:00Z
                "Asia/Kathmandu 1798977600", "+0545");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            String[] zoneAndTime = probe.getKey().split(" ");
            String out = output(zoneAndTime[0], "date", "-d", "@" + zoneAndTime[1], "+%z");
            if (!probe.getValue().equals(out)) {
                return "date with TZ=" + zoneAndTime[0] + " gave '" + out + "', not " + probe.getValue()
                        + " (no system tzdata in /usr/share/zoneinfo?)";
            }
        }
        return null;
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

    private static String output(String tz, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("TZ", tz);
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
        } catch (IOException | InterruptedException e) {
            return e.toString();
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
            return Files.readAllLines(Path.of("/usr/share/zoneinfo/tzdata.zi"))
                    .get(0)
                    .replace("# version ", "");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String tzdb() {
        return TzdbHealthCheck.tzdbVersion();
    }
}
