package org.atrium.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessViewTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static Instant london(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2027, month, day, hour, minute, 0, 0, LONDON).toInstant();
    }

    @Test
    void nightIsTenPmToSevenAmLocalWithExclusiveEdges() {
        assertFalse(FairnessView.atNight(london(5, 12, 21, 0), london(5, 12, 22, 0), LONDON), "ends as night starts");
        assertTrue(FairnessView.atNight(london(5, 12, 21, 0), london(5, 12, 22, 1), LONDON));
        assertFalse(FairnessView.atNight(london(5, 12, 7, 0), london(5, 12, 8, 0), LONDON), "starts as night ends");
        assertTrue(FairnessView.atNight(london(5, 12, 6, 59), london(5, 12, 8, 0), LONDON));
        assertTrue(FairnessView.atNight(london(5, 12, 2, 0), london(5, 12, 3, 0), LONDON));
        assertFalse(FairnessView.atNight(london(5, 12, 12, 0), london(5, 12, 13, 0), LONDON));
        // on the night clocks go back (2027-10-31) the night is an hour longer, still 22:00-07:00 on the wall clock
        assertTrue(FairnessView.atNight(london(10, 31, 6, 30), london(10, 31, 7, 30), LONDON));
        assertFalse(FairnessView.atNight(london(10, 31, 7, 0), london(10, 31, 7, 30), LONDON));
    }

    @Test
    void participantsWithoutAZoneCountInTheEventsZone() {
        FairnessView view = FairnessView.of(
                7L,
                false,
                london(5, 12, 9, 0),
                london(5, 12, 10, 0),
                LONDON,
                Arrays.asList(null, "Mars/Olympus", "Europe/Dublin", "Asia/Tokyo"));
        assertEquals(4, view.participants());
        assertEquals(2, view.withoutZone());
        assertEquals(0, view.atNight());
        assertEquals(2, view.groups().size());
        assertEquals(
                List.of("Europe/Dublin", "Europe/London"), view.groups().get(0).zones());
        assertEquals(3, view.groups().get(0).count());
        assertEquals("2027-05-12T17:00+09:00", view.groups().get(1).localStart().toString());
        assertEquals(0, view.groups().get(1).dayShift());
    }
}
