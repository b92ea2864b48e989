package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.schedule.ConferenceSession;

/** A participant's starred sessions: a personal agenda that takes no place and needs no sign-up. */
@ApplicationScoped
class Stars {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Events events;

    /** Stars a session of the event; starring twice (or two racing requests) leaves one star. */
    @Transactional
    void star(Event event, long sessionId, String subject) {
        ConferenceSession session = session(event, sessionId);
        if (session.cancelled) {
            throw DomainException.conflict("session.cancelled", "This session is cancelled.");
        }
        em.createNativeQuery("insert into session_star (session_id, subject, created_at) values (?1, ?2, ?3)"
                        + " on conflict do nothing")
                .setParameter(1, sessionId)
                .setParameter(2, subject)
                .setParameter(3, clock.instant())
                .executeUpdate();
    }

    @Transactional
    void unstar(Event event, long sessionId, String subject) {
        session(event, sessionId);
        em.createNativeQuery("delete from session_star where session_id = ?1 and subject = ?2")
                .setParameter(1, sessionId)
                .setParameter(2, subject)
                .executeUpdate();
    }

    /** The sessions the account starred, in any event. */
    List<Long> of(String subject) {
        List<?> rows = em.createNativeQuery("select session_id from session_star where subject = ?1")
                .setParameter(1, subject)
                .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    /** The sessions of one event the account starred. */
    List<Long> of(String subject, long eventId) {
        List<?> rows = em.createNativeQuery(
                        "select st.session_id from session_star st"
                                + " join conference_session s on s.id = st.session_id where st.subject = ?1 and s.event_id = ?2")
                .setParameter(1, subject)
                .setParameter(2, eventId)
                .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    private ConferenceSession session(Event event, long sessionId) {
        return events.inEvent(ConferenceSession.class, "session", event, sessionId);
    }
}
