package org.atrium.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of a programme, without a database: which sessions overlap and which overlaps are conflicts. Times are
 * half-open intervals {@code [start, end)}, so a session may start the instant the previous one in its room ends.
 * Cancelled sessions never conflict. Callers feed it the sessions that could matter (same event, overlapping time).
 */
final class Schedule {

    private Schedule() {}

    /** What the rules need to know about a session. {@code roomId} may be null (no room yet). */
    record Slot(
            long id, String title, Instant start, Instant end, Long roomId, Set<Long> speakerIds, boolean cancelled) {
        Slot {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("A slot must end after it starts: " + id);
            }
            speakerIds = Set.copyOf(speakerIds);
        }
    }

    /** The rule a pair of sessions breaks. */
    enum Rule {
        /** A room holds one session at a time. */
        ROOM,
        /** A speaker or moderator is in one session at a time. */
        SPEAKER
    }

    /**
     * {@code other} clashes with the candidate: by the rules listed, over the speakers listed (empty for a room-only
     * clash).
     */
    record Conflict(Slot other, Set<Rule> rules, Set<Long> speakerIds) {}

    static boolean overlaps(Instant start1, Instant end1, Instant start2, Instant end2) {
        return start1.isBefore(end2) && start2.isBefore(end1);
    }

    static boolean overlaps(Slot a, Slot b) {
        return overlaps(a.start(), a.end(), b.start(), b.end());
    }

    /**
     * The sessions among {@code others} that {@code candidate} may not be placed beside, ordered by start then id. The
     * candidate itself (same id) is skipped, so callers may pass the stored version of a session being edited.
     */
    static List<Conflict> conflicts(Slot candidate, Collection<Slot> others) {
        List<Conflict> found = new ArrayList<>();
        if (candidate.cancelled()) {
            return found;
        }
        for (Slot other : others) {
            if (other.id() == candidate.id() || other.cancelled() || !overlaps(candidate, other)) {
                continue;
            }
            Set<Rule> rules = EnumSet.noneOf(Rule.class);
            if (candidate.roomId() != null && candidate.roomId().equals(other.roomId())) {
                rules.add(Rule.ROOM);
            }
            Set<Long> shared = new TreeSet<>(candidate.speakerIds());
            shared.retainAll(other.speakerIds());
            if (!shared.isEmpty()) {
                rules.add(Rule.SPEAKER);
            }
            if (!rules.isEmpty()) {
                found.add(new Conflict(other, Set.copyOf(rules), Set.copyOf(shared)));
            }
        }
        found.sort(Comparator.comparing((Conflict c) -> c.other().start())
                .thenComparing(c -> c.other().id()));
        return found;
    }

    /** Whether the slot lies within {@code [opens, closes)}, the event's days in its zone. */
    static boolean withinDays(Slot slot, Instant opens, Instant closes) {
        return !slot.start().isBefore(opens) && !slot.end().isAfter(closes);
    }

    /** A pair of sessions that break at least one rule together; {@code first} starts no later than {@code second}. */
    record Clash(Slot first, Slot second, Set<Rule> rules) {}

    /** Every clashing pair in a programme (for an organiser's overview), ordered by the first session's start. */
    static List<Clash> clashes(Collection<Slot> slots) {
        List<Slot> sorted = slots.stream()
                .filter(s -> !s.cancelled())
                .sorted(Comparator.comparing(Slot::start).thenComparing(Slot::id))
                .toList();
        List<Clash> found = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Slot a = sorted.get(i);
            for (int j = i + 1; j < sorted.size() && sorted.get(j).start().isBefore(a.end()); j++) {
                for (Conflict c : conflicts(a, List.of(sorted.get(j)))) {
                    found.add(new Clash(a, c.other(), c.rules()));
                }
            }
        }
        return found;
    }
}
