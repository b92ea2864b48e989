package org.atrium.registration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.atrium.registration.Registration.State;
import org.atrium.registration.RegistrationRows.Row;

/**
 * The registration invariants of an AUTOMATIC event whose capacity was never lowered, checked on what the
 * database holds. Returns the violations found (empty = all hold).
 */
final class Invariants {

    private Invariants() {}

    static List<String> violations(List<Row> rows, int capacity) {
        List<String> out = new ArrayList<>();
        long confirmed = rows.stream().filter(r -> r.state() == State.CONFIRMED).count();
        long waitlisted =
                rows.stream().filter(r -> r.state() == State.WAITLISTED).count();
        if (confirmed > capacity) {
            out.add("overbooked: " + confirmed + " confirmed for " + capacity + " places");
        }
        if (waitlisted > 0 && confirmed < capacity) {
            out.add("a free place while " + waitlisted + " wait: " + confirmed + " confirmed of " + capacity);
        }
        Set<String> subjects = new HashSet<>();
        for (Row r : rows) {
            if (!subjects.add(r.subject())) {
                out.add("two registrations for " + r.subject());
            }
        }
        List<Row> byArrival =
                rows.stream().sorted(Comparator.comparingLong(Row::arrival)).toList();
        List<Row> byId = rows.stream().sorted(Comparator.comparingLong(Row::id)).toList();
        if (!byArrival.equals(byId)) {
            out.add("arrival order differs from id order");
        }
        long lastConfirmed = rows.stream()
                .filter(r -> r.state() == State.CONFIRMED)
                .mapToLong(Row::arrival)
                .max()
                .orElse(Long.MIN_VALUE);
        long firstWaiting = rows.stream()
                .filter(r -> r.state() == State.WAITLISTED)
                .mapToLong(Row::arrival)
                .min()
                .orElse(Long.MAX_VALUE);
        if (lastConfirmed > firstWaiting) {
            out.add("someone waits who arrived before a confirmed participant (queue jumped)");
        }
        return out;
    }
}
