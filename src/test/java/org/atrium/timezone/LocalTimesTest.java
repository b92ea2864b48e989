package org.atrium.timezone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;
import org.junit.jupiter.api.Test;

class LocalTimesTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId BAKU = ZoneId.of("Asia/Baku");

    @Test
    void instantWithOffsetIsTakenAsIs() {
        assertEquals(
                Instant.parse("2027-05-12T11:00:00Z"), LocalTimes.parse("start", "2027-05-12T15:00+04:00", LONDON));
        assertEquals(
                Instant.parse("2027-05-12T11:00:30Z"), LocalTimes.parse("start", "2027-05-12T15:00:30+04:00", BAKU));
        assertEquals(Instant.parse("2027-05-12T15:00:00Z"), LocalTimes.parse("start", "2027-05-12T15:00Z", BAKU));
        assertEquals(Instant.parse("2027-05-12T15:00:00Z"), LocalTimes.parse("start", " 2027-05-12T15:00:00Z ", BAKU));
    }

    @Test
    void localTimeIsReadInTheEventZone() {
        assertEquals(Instant.parse("2027-05-12T11:00:00Z"), LocalTimes.parse("start", "2027-05-12T15:00", BAKU));
        assertEquals(Instant.parse("2027-05-12T14:00:00Z"), LocalTimes.parse("start", "2027-05-12T15:00", LONDON));
        assertEquals(Instant.parse("2027-01-12T15:00:00Z"), LocalTimes.parse("start", "2027-01-12T15:00:00", LONDON));
    }

    @Test
    void localTimeJustOutsideTheGapAndOverlapIsFine() {
        assertEquals(Instant.parse("2027-03-28T00:59:00Z"), LocalTimes.parse("start", "2027-03-28T00:59", LONDON));
        assertEquals(Instant.parse("2027-03-28T01:00:00Z"), LocalTimes.parse("start", "2027-03-28T02:00", LONDON));
        assertEquals(Instant.parse("2027-10-31T02:00:00Z"), LocalTimes.parse("start", "2027-10-31T02:00", LONDON));
        assertEquals(Instant.parse("2027-10-30T23:59:00Z"), LocalTimes.parse("start", "2027-10-31T00:59", LONDON));
    }

    @Test
    void localTimeInTheSpringGapIsRefusedNamingTheGap() {
        DomainException e =
                assertThrows(DomainException.class, () -> LocalTimes.parse("start", "2027-03-28T01:30", LONDON));
        assertEquals(400, e.status());
        assertEquals("time.nonexistent", e.code());
        assertEquals(
                "'start' 2027-03-28T01:30 does not exist in Europe/London: clocks jump from 01:00 to 02:00 on"
                        + " 2027-03-28 (+00:00 to +01:00).",
                e.getMessage());
        assertEquals("start", e.details().get("field"));
        assertEquals("2027-03-28T01:00", e.details().get("gapStart"));
        assertEquals("2027-03-28T02:00", e.details().get("gapEnd"));
        assertEquals("+00:00", e.details().get("offsetBefore"));
        assertEquals("+01:00", e.details().get("offsetAfter"));
        assertEquals("2027-03-28T01:00:00Z", e.details().get("transition"));
    }

    @Test
    void gapStartItselfDoesNotExist() {
        DomainException e =
                assertThrows(DomainException.class, () -> LocalTimes.parse("end", "2027-03-28T01:00", LONDON));
        assertEquals("time.nonexistent", e.code());
        assertEquals("end", e.details().get("field"));
    }

    @Test
    void localTimeInTheAutumnOverlapIsRefusedListingBothInstants() {
        DomainException e =
                assertThrows(DomainException.class, () -> LocalTimes.parse("end", "2027-10-31T01:30", LONDON));
        assertEquals(400, e.status());
        assertEquals("time.ambiguous", e.code());
        assertEquals(
                List.of(
                        Map.of(
                                "offset",
                                "+01:00",
                                "dateTime",
                                "2027-10-31T01:30+01:00",
                                "instant",
                                "2027-10-31T00:30:00Z"),
                        Map.of(
                                "offset",
                                "+00:00",
                                "dateTime",
                                "2027-10-31T01:30+00:00",
                                "instant",
                                "2027-10-31T01:30:00Z")),
                e.details().get("candidates"));
        assertEquals(
                "'end' 2027-10-31T01:30 happens twice in Europe/London (clocks go back from 02:00 to 01:00); send it"
                        + " with its offset: 2027-10-31T01:30+01:00 or 2027-10-31T01:30+00:00.",
                e.getMessage());
    }

    @Test
    void eachCandidateOfTheOverlapIsAcceptedWithItsOffset() {
        assertEquals(
                Instant.parse("2027-10-31T00:30:00Z"), LocalTimes.parse("start", "2027-10-31T01:30+01:00", LONDON));
        assertEquals(Instant.parse("2027-10-31T01:30:00Z"), LocalTimes.parse("start", "2027-10-31T01:30Z", LONDON));
        assertEquals(
                Instant.parse("2027-10-31T01:30:00Z"), LocalTimes.parse("start", "2027-10-31T01:30+00:00", LONDON));
    }

    @Test
    void zoneWithoutDaylightSavingHasNoGapOrOverlap() {
        assertEquals(Instant.parse("2027-03-28T21:30:00Z"), LocalTimes.parse("start", "2027-03-29T01:30", BAKU));
    }

    @Test
    void garbageIsInvalid() {
        for (String bad : List.of("tomorrow", "2027-05-12", "2027-05-12 15:00", "2027-13-12T15:00", "15:00", "")) {
            DomainException e = assertThrows(DomainException.class, () -> LocalTimes.parse("start", bad, BAKU), bad);
            assertEquals("time.invalid", e.code(), bad);
            assertEquals(400, e.status(), bad);
        }
        assertEquals(
                "time.invalid",
                assertThrows(DomainException.class, () -> LocalTimes.parse("start", null, BAKU))
                        .code());
    }

    @Test
    void zoneIdSuffixIsNotAccepted() {
        DomainException e = assertThrows(
                DomainException.class, () -> LocalTimes.parse("start", "2027-05-12T15:00+04:00[Asia/Baku]", BAKU));
        assertEquals("time.invalid", e.code());
    }
}
