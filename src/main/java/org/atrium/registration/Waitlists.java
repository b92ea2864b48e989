package org.atrium.registration;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Places on waitlists (1-based, arrival order), read for views. */
final class Waitlists {

    private Waitlists() {}

    static Integer position(EntityManager em, Registration r) {
        if (r.state != Registration.State.WAITLISTED) {
            return null;
        }
        Number n = (Number) em.createNativeQuery("select count(*) from registration w, registration me where me.id = ?1"
                        + " and w.event_id = me.event_id and w.state = 'WAITLISTED' and w.arrival <= me.arrival")
                .setParameter(1, r.id)
                .getSingleResult();
        return n.intValue();
    }

    static Integer position(EntityManager em, SessionSignup s) {
        if (s.state != SessionSignup.State.WAITLISTED) {
            return null;
        }
        Number n = (Number) em.createNativeQuery("select count(*) from session_registration w, session_registration me"
                        + " where me.id = ?1 and w.session_id = me.session_id and w.state = 'WAITLISTED'"
                        + " and w.arrival <= me.arrival")
                .setParameter(1, s.id)
                .getSingleResult();
        return n.intValue();
    }

    /** Registration id to waitlist position, for every waitlisted registration of the event. */
    static Map<Long, Integer> positions(EntityManager em, long eventId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(
                        "select id from registration where event_id = ?1 and state = 'WAITLISTED' order by arrival, id")
                .setParameter(1, eventId)
                .getResultList();
        Map<Long, Integer> positions = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            positions.put(ids.get(i).longValue(), i + 1);
        }
        return positions;
    }

    /** Sign-up id to waitlist position, for every waitlisted sign-up of the session. */
    static Map<Long, Integer> sessionPositions(EntityManager em, long sessionId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from session_registration where session_id = ?1"
                        + " and state = 'WAITLISTED' order by arrival, id")
                .setParameter(1, sessionId)
                .getResultList();
        Map<Long, Integer> positions = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            positions.put(ids.get(i).longValue(), i + 1);
        }
        return positions;
    }
}
