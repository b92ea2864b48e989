package org.atrium.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.atrium.common.DomainException;
import org.junit.jupiter.api.Test;

class PreferredZonesTest {

    @Test
    void acceptsIanaIdsAndOffsetFormsAsGiven() {
        for (String zone : new String[] {
            "Asia/Baku",
            "UTC",
            "America/Argentina/Buenos_Aires",
            "GMT+4",
            "gmt-3",
            "UTC+04:00",
            "+04:00",
            "-05:30",
            "+0530",
            "GMT+14"
        }) {
            assertEquals(zone, PreferredZones.check(zone));
        }
        assertEquals("Europe/Paris", PreferredZones.check("  Europe/Paris "));
        assertNull(PreferredZones.check(" "));
        assertNull(PreferredZones.check(null));
    }

    @Test
    void refusesWhatIsNoZone() {
        for (String zone : new String[] {
            "Mars/Olympus_Mons", "GMT+25", "+04:75", "Baku", "EST5EDT?", "4", "UTC+15", "UTC-13", "+14:01"
        }) {
            DomainException e = assertThrows(DomainException.class, () -> PreferredZones.check(zone), zone);
            assertEquals("timezone.unknown", e.code());
            assertEquals(400, e.status());
        }
    }
}
