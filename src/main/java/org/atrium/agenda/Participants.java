package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the agenda needs from registrations: a participant's preferred zone, the zones of an event's confirmed
 * participants and a participant's session sign-ups. Read with small queries on the registration tables, which
 * this feature never writes. Where a table is not there (registration not installed) the answer is empty.
 */
@ApplicationScoped
class Participants {

    /** Registrations that still count for a participant's own view (not cancelled or rejected). */
    static final List<String> ACTIVE = List.of("CONFIRMED", "PENDING", "WAITLISTED");

    @Inject
    EntityManager em;

    private volatile Boolean registrations;
    private volatile Boolean sessionRegistrations;

    /** The participant's preferred zone as they typed it (IANA id or offset form), if they registered with one. */
    Optional<String> preferredZone(long eventId, String subject) {
        if (subject == null || !hasRegistrations()) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("select time_zone from registration where event_id = ?1 and subject = ?2"
                        + " and state in ('CONFIRMED', 'PENDING', 'WAITLISTED') and time_zone is not null")
                .setParameter(1, eventId)
                .setParameter(2, subject)
                .setMaxResults(1)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).toString());
    }

    /** One entry per confirmed participant of the event: their preferred zone, or null when they gave none. */
    List<String> confirmedZones(long eventId) {
        if (!hasRegistrations()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery(
                        "select time_zone from registration where event_id = ?1 and state = 'CONFIRMED' order by id")
                .setParameter(1, eventId)
                .getResultList();
        List<String> zones = new ArrayList<>(rows.size());
        rows.forEach(r -> zones.add(r == null ? null : r.toString()));
        return zones;
    }

    /** Sessions the participant holds a confirmed place in. */
    List<Long> signedUpSessions(String subject) {
        if (!hasSessionRegistrations()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery(
                        "select session_id from session_registration where subject = ?1 and state = 'CONFIRMED'")
                .setParameter(1, subject)
                .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    private boolean hasRegistrations() {
        if (registrations == null) {
            registrations = tableExists("registration");
        }
        return registrations;
    }

    private boolean hasSessionRegistrations() {
        if (sessionRegistrations == null) {
            sessionRegistrations = tableExists("session_registration");
        }
        return sessionRegistrations;
    }

    private boolean tableExists(String table) {
        Object found = em.createNativeQuery("select to_regclass(?1) is not null")
                .setParameter(1, table)
                .getSingleResult();
        return Boolean.TRUE.equals(found);
    }
}
