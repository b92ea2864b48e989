package org.atrium.timezone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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
