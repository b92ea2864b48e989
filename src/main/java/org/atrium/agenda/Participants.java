package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.atrium.registration.Participation;
import org.atrium.registration.Registration;

/**
 * What the agenda needs from registrations: a participant's preferred zone, the zones of an event's confirmed
 * participants and a participant's session sign-ups. Read-only; the registration feature owns these tables.
 */
@ApplicationScoped
class Participants {

    @Inject
    Participation participation;

    @Inject
    EntityManager em;

    /** The participant's preferred zone as they gave it (IANA id or offset form), if they registered with one. */
    Optional<String> preferredZone(long eventId, String subject) {
        return subject == null ? Optional.empty() : participation.preferredZone(eventId, subject);
    }

    /** One entry per confirmed participant of the event, in arrival order: their zone, or null when none given. */
    List<String> confirmedZones(long eventId) {
        return em.createQuery(
                        "select r.timeZone from Registration r where r.event.id = ?1 and r.state = ?2 order by r.id",
                        String.class)
                .setParameter(1, eventId)
                .setParameter(2, Registration.State.CONFIRMED)
                .getResultList();
    }

    /** Sessions the participant holds a confirmed place in, in any event. */
    List<Long> signedUpSessions(String subject) {
        List<?> rows = em.createNativeQuery(
                        "select session_id from session_registration where subject = ?1 and state = 'CONFIRMED'")
                .setParameter(1, subject)
                .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    /** Sessions of one event the participant holds a confirmed place in. */
    List<Long> signedUpSessions(String subject, long eventId) {
        List<?> rows = em.createNativeQuery("select session_id from session_registration"
                        + " where subject = ?1 and event_id = ?2 and state = 'CONFIRMED'")
                .setParameter(1, subject)
                .setParameter(2, eventId)
                .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }
}
