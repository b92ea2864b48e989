package org.atrium.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.atrium.schedule.Schedule.Conflict;
import org.atrium.schedule.Schedule.Rule;
import org.atrium.schedule.Schedule.Slot;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final Long MAIN = 1L;
    static final Long SIDE = 2L;

    /** A slot from {@code hh:mm} to {@code hh:mm} on 2027-05-12 (UTC). */
    static Slot slot(long id, String from, String to, Long room, Long... speakers) {
        return new Slot(id, "s" + id, at(from), at(to), room, Set.of(speakers), false);
    }

    static Slot cancelled(Slot s) {
        return new Slot(s.id(), s.title(), s.start(), s.end(), s.roomId(), s.speakerIds(), true);
    }

    static Instant at(String hhmm) {
        return Instant.parse("2027-05-12T" + hhmm + ":00Z");
    }

    static List<Long> ids(List<Conflict> conflicts) {
        return conflicts.stream().map(c -> c.other().id()).toList();
    }

    @Test
    void overlapIsHalfOpen() {
        assertTrue(Schedule.overlaps(at("10:00"), at("11:00"), at("10:30"), at("11:30")));
        assertTrue(Schedule.overlaps(at("10:30"), at("11:30"), at("10:00"), at("11:00")));
        assertTrue(Schedule.overlaps(at("10:00"), at("12:00"), at("10:30"), at("11:00")), "containment");
        assertTrue(Schedule.overlaps(at("10:30"), at("11:00"), at("10:00"), at("12:00")), "contained");
        assertTrue(Schedule.overlaps(at("10:00"), at("11:00"), at("10:00"), at("11:00")), "identical");
        assertTrue(Schedule.overlaps(at("10:00"), at("11:00"), at("10:59"), at("12:00")), "one minute");
        assertFalse(Schedule.overlaps(at("10:00"), at("11:00"), at("11:00"), at("12:00")), "back to back");
        assertFalse(Schedule.overlaps(at("11:00"), at("12:00"), at("10:00"), at("11:00")), "back to back, reversed");
        assertFalse(Schedule.overlaps(at("10:00"), at("11:00"), at("13:00"), at("14:00")), "apart");
    }

    @Test
    void sameRoomOverlappingIsARoomConflict() {
        List<Conflict> found =
                Schedule.conflicts(slot(9, "10:30", "11:30", MAIN), List.of(slot(1, "10:00", "11:00", MAIN)));
        assertEquals(1, found.size());
        assertEquals(1L, found.getFirst().other().id());
        assertEquals(Set.of(Rule.ROOM), found.getFirst().rules());
        assertEquals(Set.of(), found.getFirst().speakerIds());
    }

    @Test
    void sameRoomBackToBackIsFine() {
        assertEquals(
                List.of(),
                Schedule.conflicts(
                        slot(9, "11:00", "12:00", MAIN),
                        List.of(slot(1, "10:00", "11:00", MAIN), slot(2, "12:00", "13:00", MAIN))));
    }

    @Test
    void otherRoomOverlappingIsFine() {
        assertEquals(
                List.of(),
                Schedule.conflicts(slot(9, "10:00", "11:00", MAIN), List.of(slot(1, "10:00", "11:00", SIDE))));
    }

    @Test
    void sessionsWithoutRoomNeverShareARoom() {
        assertEquals(
                List.of(),
                Schedule.conflicts(slot(9, "10:00", "11:00", null), List.of(slot(1, "10:00", "11:00", null))));
        assertEquals(
                List.of(),
                Schedule.conflicts(slot(9, "10:00", "11:00", null), List.of(slot(1, "10:00", "11:00", MAIN))));
        assertEquals(
                List.of(),
                Schedule.conflicts(slot(9, "10:00", "11:00", MAIN), List.of(slot(1, "10:00", "11:00", null))));
    }

    @Test
    void sharedSpeakerInOverlappingSessionsIsASpeakerConflict() {
        List<Conflict> found = Schedule.conflicts(
                slot(9, "10:00", "11:00", MAIN, 7L, 8L), List.of(slot(1, "10:30", "11:30", SIDE, 8L, 5L)));
        assertEquals(List.of(1L), ids(found));
        assertEquals(Set.of(Rule.SPEAKER), found.getFirst().rules());
        assertEquals(Set.of(8L), found.getFirst().speakerIds());
    }

    @Test
    void sharedSpeakerBackToBackIsFine() {
        assertEquals(
                List.of(),
                Schedule.conflicts(slot(9, "11:00", "12:00", MAIN, 7L), List.of(slot(1, "10:00", "11:00", SIDE, 7L))));
    }

    @Test
    void differentSpeakersInOverlappingSessionsAreFine() {
        assertEquals(
                List.of(),
                Schedule.conflicts(slot(9, "10:00", "11:00", MAIN, 7L), List.of(slot(1, "10:00", "11:00", SIDE, 8L))));
    }

    @Test
    void roomAndSpeakerTogetherAreOneConflictWithBothRules() {
        List<Conflict> found = Schedule.conflicts(
                slot(9, "10:00", "11:00", MAIN, 7L, 8L), List.of(slot(1, "10:00", "11:00", MAIN, 8L, 7L)));
        assertEquals(1, found.size());
        assertEquals(Set.of(Rule.ROOM, Rule.SPEAKER), found.getFirst().rules());
        assertEquals(Set.of(7L, 8L), found.getFirst().speakerIds());
    }

    @Test
    void cancelledSessionsNeverConflict() {
        Slot other = slot(1, "10:00", "11:00", MAIN, 7L);
        Slot candidate = slot(9, "10:00", "11:00", MAIN, 7L);
        assertEquals(List.of(), Schedule.conflicts(candidate, List.of(cancelled(other))));
        assertEquals(List.of(), Schedule.conflicts(cancelled(candidate), List.of(other)));
    }

    @Test
    void theSessionBeingEditedIsNotItsOwnConflict() {
        assertEquals(
                List.of(),
                Schedule.conflicts(slot(1, "10:30", "11:30", MAIN, 7L), List.of(slot(1, "10:00", "11:00", MAIN, 7L))));
    }

    @Test
    void allConflictsAreNamedInStartOrder() {
        List<Conflict> found = Schedule.conflicts(
                slot(9, "09:00", "13:00", MAIN, 7L),
                List.of(
                        slot(4, "12:00", "12:30", MAIN),
                        slot(3, "10:00", "11:00", SIDE, 7L),
                        slot(5, "13:00", "14:00", MAIN, 7L),
                        slot(2, "08:00", "09:30", MAIN),
                        slot(6, "10:00", "11:00", SIDE),
                        slot(1, "10:00", "11:00", null, 7L)));
        assertEquals(List.of(2L, 1L, 3L, 4L), ids(found));
        assertEquals(Set.of(Rule.ROOM), found.get(0).rules());
        assertEquals(Set.of(Rule.SPEAKER), found.get(1).rules());
        assertEquals(Set.of(Rule.SPEAKER), found.get(2).rules());
        assertEquals(Set.of(Rule.ROOM), found.get(3).rules());
    }

    @Test
    void withinDaysIsInclusiveOfBothEdges() {
        Instant opens = at("00:00");
        Instant closes = Instant.parse("2027-05-13T00:00:00Z");
        assertTrue(Schedule.withinDays(slot(1, "00:00", "01:00", MAIN), opens, closes));
        assertTrue(Schedule.withinDays(new Slot(1, "late", at("23:00"), closes, MAIN, Set.of(), false), opens, closes));
        assertFalse(Schedule.withinDays(
                new Slot(1, "early", Instant.parse("2027-05-11T23:59:00Z"), at("01:00"), MAIN, Set.of(), false),
                opens,
                closes));
        assertFalse(Schedule.withinDays(
                new Slot(1, "over midnight", at("23:00"), closes.plusSeconds(60), MAIN, Set.of(), false),
                opens,
                closes));
    }

    @Test
    void aSlotMustEndAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> slot(1, "10:00", "10:00", MAIN));
        assertThrows(IllegalArgumentException.class, () -> slot(1, "11:00", "10:00", MAIN));
    }

    @Test
    void clashesListsEveryPairOnce() {
        List<Schedule.Clash> clashes = Schedule.clashes(List.of(
                slot(1, "10:00", "11:00", MAIN, 7L),
                slot(2, "10:30", "11:30", MAIN),
                slot(3, "10:45", "12:00", SIDE, 7L),
                cancelled(slot(4, "10:00", "11:00", MAIN, 7L)),
                slot(5, "11:30", "12:30", MAIN)));
        assertEquals(2, clashes.size());
        assertEquals(1L, clashes.get(0).first().id());
        assertEquals(2L, clashes.get(0).second().id());
        assertEquals(Set.of(Rule.ROOM), clashes.get(0).rules());
        assertEquals(1L, clashes.get(1).first().id());
        assertEquals(3L, clashes.get(1).second().id());
        assertEquals(Set.of(Rule.SPEAKER), clashes.get(1).rules());
    }

    @Test
    void noClashesInAProperProgramme() {
        assertEquals(
                List.of(),
                Schedule.clashes(List.of(
                        slot(1, "10:00", "11:00", MAIN, 7L),
                        slot(2, "11:00", "12:00", MAIN, 7L),
                        slot(3, "10:00", "11:00", SIDE, 8L))));
    }
}
