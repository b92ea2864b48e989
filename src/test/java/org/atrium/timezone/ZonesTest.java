package org.atrium.timezone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.atrium.common.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An event's zone: the viewer rules (any letter case, Etc/GMT decoding, the same problems), regions only. */
class ZonesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Asia/Baku|Asia/Baku",
                "asia/baku|Asia/Baku",
                "' Europe/London '|Europe/London",
                "UTC|UTC",
                "Etc/GMT+4|Etc/GMT+4",
                "Etc/GMT 4|Etc/GMT+4",
                "Etc/GMT-14|Etc/GMT-14",
            })
    void regionsInAnyCaseAreTheirCanonicalId(String input, String id) {
        assertEquals(ZoneId.of(id), Zones.eventZone(input));
        assertEquals(id, Zones.eventZone(input).getId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC+15", "+14:01", "UTC-13", "Etc/GMT 13", "Etc/GMT+13", "Mars/Olympus", "EST", "IST"})
    void unknownZonesAreTheViewerProblemWithTheRegionForms(String input) {
        DomainException e = assertThrows(DomainException.class, () -> Zones.eventZone(input));
        assertEquals(400, e.status());
        assertEquals("timezone.unknown", e.code());
        assertEquals(ViewerZones.REGION_FORMS, e.details().get("accepted"));
        assertEquals(ViewerZones.suggestions(input), e.details().get("suggestions"), "the viewer rule's suggestions");
        assertTrue(e.getMessage().startsWith("Unknown time zone '" + input + "'."), e.getMessage());
        assertFalse(e.getMessage().contains("offset such as"), "an event cannot take an offset: " + e.getMessage());
    }

    @Test
    void offsetsAndIdsWithoutARegionAreNotRegions() {
        DomainException offset = assertThrows(DomainException.class, () -> Zones.eventZone("GMT+4"));
        assertEquals("timezone.not-a-region", offset.code());
        DomainException cet = assertThrows(DomainException.class, () -> Zones.eventZone("CET"));
        assertEquals("timezone.not-a-region", cet.code());
        assertEquals(ViewerZones.ABBREVIATIONS.get("CET"), cet.details().get("suggestions"));
        assertTrue(cet.getMessage().contains("Did you mean Europe/Paris"), cet.getMessage());
        assertEquals(
                List.of("America/New_York", "America/Toronto", "America/Panama", "America/Cancun"),
                assertThrows(DomainException.class, () -> Zones.eventZone("EST"))
                        .details()
                        .get("suggestions"));
        assertTrue(
                assertThrows(DomainException.class, () -> Zones.eventZone("UTC+15"))
                        .getMessage()
                        .contains("from -12:00 to +14:00"),
                "the offset rule is explained for events too");
        assertEquals(
                "timezone.required",
                assertThrows(DomainException.class, () -> Zones.eventZone(" ")).code());
    }
}
