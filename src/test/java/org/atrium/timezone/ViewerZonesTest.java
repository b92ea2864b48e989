package org.atrium.timezone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.atrium.common.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ViewerZonesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GMT+4|+04:00",
                "gmt+4|+04:00",
                "GMT+04:00|+04:00",
                "GMT+0400|+04:00",
                "UTC+4|+04:00",
                "utc+04:00|+04:00",
                "UTC-3|-03:00",
                "GMT-3:30|-03:30",
                "UTC-03:30|-03:30",
                "GMT+5:45|+05:45",
                "UTC+12:45|+12:45",
                "UTC+14|+14:00",
                "GMT-12|-12:00",
                "+13:45|+13:45",
                "+08:45|+08:45",
                "-09:30|-09:30",
                "UTC-2:30|-02:30",
                "+04:00|+04:00",
                "+0400|+04:00",
                "+4|+04:00",
                "-0330|-03:30",
                "-03:30|-03:30",
                "\u221203:00|-03:00",
                "UTC|Z",
                "utc|Z",
                "GMT|Z",
                "Z|Z",
                "z|Z",
                "UT|Z",
                "GMT+0|Z",
                "UTC-00:00|Z",
                "GMT 4|+04:00",
                "UTC 4|+04:00",
                "GMT 04:00|+04:00",
                "GMT - 3|-03:00",
                "' 04:00'|+04:00",
                "' 0400'|+04:00",
            })
    void offsetFormsAreFixedOffsets(String input, String offset) {
        ZoneId zone = ViewerZones.parse(input);
        assertInstanceOf(ZoneOffset.class, zone, "an offset form has no daylight saving");
        assertEquals(ZoneOffset.of(offset), zone);
        assertTrue(zone.getRules().isFixedOffset());
    }

    @Test
    void gmtPlusFourIsFourHoursAheadOfUtcNotThePosixEtcZone() {
        assertEquals(ZoneOffset.ofHours(4), ViewerZones.parse("GMT+4"));
        // the POSIX id means the opposite: Etc/GMT+4 is four hours behind UTC
        assertEquals(ZoneOffset.ofHours(-4), ZoneId.of("Etc/GMT+4").getRules().getOffset(java.time.Instant.EPOCH));
        assertEquals(ZoneOffset.ofHours(-5), ViewerZones.parse("GMT-5"));
    }

    @Test
    void aPlusDecodedFromAQueryIsReadAsPlus() {
        String decoded = URLDecoder.decode("GMT+4", StandardCharsets.UTF_8);
        assertEquals("GMT 4", decoded);
        assertEquals(ZoneOffset.ofHours(4), ViewerZones.parse(decoded));
        assertEquals(
                ZoneOffset.ofHoursMinutes(5, 30),
                ViewerZones.parse(URLDecoder.decode("+05:30", StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Asia/Baku,Asia/Baku",
        "asia/baku,Asia/Baku",
        "ASIA/BAKU,Asia/Baku",
        "Europe/London,Europe/London",
        "europe/zurich,Europe/Zurich",
        "america/new_york,America/New_York",
        "Pacific/Chatham,Pacific/Chatham",
        "asia/kathmandu,Asia/Kathmandu",
        "Asia/Kolkata,Asia/Kolkata",
        "' Europe/London ',Europe/London",
        "Etc/GMT+4,Etc/GMT+4",
        "GMT0,GMT0",
    })
    void ianaIdsInAnyCaseAreRegions(String input, String id) {
        ZoneId zone = ViewerZones.parse(input);
        assertEquals(ZoneId.of(id), zone);
        assertFalse(zone instanceof ZoneOffset);
    }

    @Test
    void regionsKeepTheirDaylightSaving() {
        assertFalse(ViewerZones.parse("Europe/London").getRules().isFixedOffset());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "Mars/Olympus",
                "GMT+19",
                "UTC+18:30",
                "+25:00",
                "GMT+4:75",
                "4",
                "04:00",
                "GMT++4",
                "PST",
                "Baku",
                "London",
                "Europe/Londn",
                "UTC+4 Baku",
            })
    void refusedFormsAreA400WithTheAcceptedForms(String input) {
        assertEquals(Optional.empty(), ViewerZones.tryParse(input));
        DomainException e = assertThrows(DomainException.class, () -> ViewerZones.parse(input));
        assertEquals(400, e.status());
        assertEquals("timezone.unknown", e.code());
        assertEquals(ViewerZones.ACCEPTED_FORMS, e.details().get("accepted"));
        assertEquals(input, e.details().get("input"));
    }

    /** Offsets that no zone uses name a clock that exists nowhere (issue 11, item 4). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "UTC+15",
                "UTC+18",
                "GMT+18",
                "UTC-13",
                "+14:01",
                "+14:30",
                "-12:30",
                "UTC+4:15",
                "+04:20",
                "GMT-00:59",
                " 15",
            })
    void offsetsNoZoneUsesAreRefusedWithTheRangeExplained(String input) {
        assertEquals(Optional.empty(), ViewerZones.tryParse(input));
        DomainException e = assertThrows(DomainException.class, () -> ViewerZones.parse(input));
        assertEquals("timezone.unknown", e.code());
        assertEquals(ViewerZones.ACCEPTED_FORMS, e.details().get("accepted"));
        assertEquals(List.of(), e.details().get("suggestions"));
        assertTrue(e.getMessage().contains("from -12:00 to +14:00, on the hour or at :30 or :45"), e.getMessage());
    }

    /** The rule is not tighter than the world: every offset a zone has used since 1990 or will use is accepted. */
    @Test
    void everyOffsetARealZoneUsesIsAccepted() {
        Instant since = Instant.parse("1990-01-01T00:00:00Z");
        Set<ZoneOffset> used = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneRules rules = ZoneId.of(id).getRules();
            used.add(rules.getOffset(since));
            rules.getTransitions().stream()
                    .filter(t -> t.getInstant().isAfter(since))
                    .forEach(t -> used.add(t.getOffsetAfter()));
            rules.getTransitionRules().forEach(r -> {
                used.add(r.getOffsetBefore());
                used.add(r.getOffsetAfter());
            });
        }
        for (ZoneOffset offset : used) {
            assertEquals(offset, ViewerZones.parse(LocalTimes.offsetId(offset)), offset.getId());
            assertEquals(offset, ViewerZones.parse("UTC" + LocalTimes.offsetId(offset)), offset.getId());
        }
        assertTrue(used.contains(ZoneOffset.ofHours(14)) && used.contains(ZoneOffset.ofHours(-12)), used.toString());
    }

    @Test
    void etcGmtWithItsPlusDecodedToASpaceIsTheIanaZone() {
        String decoded = URLDecoder.decode("Etc/GMT+4", StandardCharsets.UTF_8);
        assertEquals("Etc/GMT 4", decoded);
        assertEquals(ZoneId.of("Etc/GMT+4"), ViewerZones.parse(decoded));
        assertEquals(
                ZoneOffset.ofHours(-4),
                ViewerZones.parse(decoded).getRules().getOffset(Instant.EPOCH),
                "the POSIX id keeps its meaning: four hours behind UTC");
        assertEquals(ZoneId.of("Etc/GMT+12"), ViewerZones.parse("etc/gmt 12"));
        assertEquals(ZoneId.of("Etc/GMT-14"), ViewerZones.parse("Etc/GMT-14"));
        // the product's GMT+4 is still four hours ahead
        assertEquals(ZoneOffset.ofHours(4), ViewerZones.parse("GMT 4"));
        DomainException e = assertThrows(DomainException.class, () -> ViewerZones.parse("Etc/GMT 13"));
        assertEquals("timezone.unknown", e.code());
        assertTrue(e.getMessage().contains("%2B"), e.getMessage());
        assertTrue(e.getMessage().contains("Etc/GMT+4 is UTC-4"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "EST|America/New_York",
                "est|America/New_York",
                "IST|Asia/Kolkata",
                "PST|America/Los_Angeles",
                "CEST|Europe/Paris",
                "AEST|Australia/Sydney",
                "AZT|Asia/Baku",
            })
    void abbreviationsAreRefusedAsAmbiguousWithTheZonesTheyMayMean(String input, String first) {
        DomainException e = assertThrows(DomainException.class, () -> ViewerZones.parse(input));
        assertEquals("timezone.unknown", e.code());
        List<?> suggestions = (List<?>) e.details().get("suggestions");
        assertEquals(first, suggestions.get(0));
        assertFalse(suggestions.contains("Brazil/West"), suggestions.toString());
        assertTrue(e.getMessage().contains("abbreviations are ambiguous"), e.getMessage());
    }

    @Test
    void istNamesItsThreeMeanings() {
        DomainException e = assertThrows(DomainException.class, () -> ViewerZones.parse("IST"));
        assertEquals(
                List.of("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
                e.details().get("suggestions"));
        assertTrue(
                e.getMessage().contains("'IST' may mean Asia/Kolkata, Europe/Dublin, Asia/Jerusalem"), e.getMessage());
        // an unknown abbreviation gets no look-alike regions, only the explanation
        DomainException unknown = assertThrows(DomainException.class, () -> ViewerZones.parse("XST"));
        assertEquals(List.of(), unknown.details().get("suggestions"));
        assertTrue(unknown.getMessage().contains("abbreviations are ambiguous"), unknown.getMessage());
        // CET is also an IANA id (central European rules, with daylight saving): accepted as such
        assertEquals(ZoneId.of("CET"), ViewerZones.parse("cet"));
    }

    @Test
    void everyAbbreviationSuggestsRealRegions() {
        ViewerZones.ABBREVIATIONS.forEach((abbreviation, ids) -> {
            assertFalse(ids.isEmpty(), abbreviation);
            ids.forEach(id -> {
                assertTrue(ZoneId.getAvailableZoneIds().contains(id), abbreviation + " -> " + id);
                assertTrue(id.contains("/"), id);
            });
        });
    }

    @Test
    void nullIsRefused() {
        assertThrows(DomainException.class, () -> ViewerZones.parse(null));
    }

    @Test
    void closeMatchesAreSuggested() {
        assertEquals(List.of("Asia/Baku"), ViewerZones.suggestions("baku"));
        assertEquals("Europe/London", ViewerZones.suggestions("London").get(0));
        assertEquals("Europe/London", ViewerZones.suggestions("Europe/Londn").get(0));
        assertEquals("America/New_York", ViewerZones.suggestions("new york").get(0));
        assertEquals(
                "Asia/Kathmandu", ViewerZones.suggestions("Asia/Kathmandoo").get(0));
        assertEquals(List.of(), ViewerZones.suggestions("Mars/Olympus"));
        DomainException e = assertThrows(DomainException.class, () -> ViewerZones.parse("baku"));
        assertEquals(List.of("Asia/Baku"), e.details().get("suggestions"));
        assertTrue(e.getMessage().contains("Did you mean Asia/Baku?"), e.getMessage());
    }

    @Test
    void everyJvmZoneIdIsAcceptedInAnyCase() {
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId expected = ZoneId.of(id);
            for (String input : List.of(id, id.toLowerCase(java.util.Locale.ROOT))) {
                ZoneId parsed = ViewerZones.parse(input);
                if (parsed instanceof ZoneOffset) {
                    // GMT, UTC, UT are read as the offset form they also are
                    assertTrue(List.of("GMT", "UTC", "UT").contains(id), id);
                    assertEquals(expected.getRules(), parsed.getRules(), id);
                } else {
                    assertEquals(expected, parsed, id);
                }
            }
        }
    }

    @Test
    void resolutionOrderIsQueryThenProfileThenEvent() {
        ZoneId baku = ZoneId.of("Asia/Baku");
        assertEquals(
                new ViewerZone(ZoneOffset.ofHours(4), ViewerZone.Source.QUERY),
                ViewerZone.resolve("GMT 4", Optional.of("Europe/London"), baku));
        assertEquals(
                new ViewerZone(ZoneId.of("Europe/London"), ViewerZone.Source.PROFILE),
                ViewerZone.resolve(null, Optional.of("europe/london"), baku));
        assertEquals(
                new ViewerZone(ZoneOffset.ofHours(-3), ViewerZone.Source.PROFILE),
                ViewerZone.resolve("", Optional.of("UTC-3"), baku));
        assertEquals(new ViewerZone(baku, ViewerZone.Source.EVENT), ViewerZone.resolve(null, Optional.empty(), baku));
        // a stored preference that is no longer understood falls back to the event's zone instead of failing
        assertEquals(
                new ViewerZone(baku, ViewerZone.Source.EVENT),
                ViewerZone.resolve(null, Optional.of("Mars/Olympus"), baku));
        assertThrows(
                DomainException.class, () -> ViewerZone.resolve("Mars/Olympus", Optional.of("Europe/London"), baku));
    }
}
