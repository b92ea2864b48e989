package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.atrium.schedule.ConferenceSession;

/** Changes a session as the schedule feature would (tests only). */
@ApplicationScoped
public class SessionCapacities {

    @Transactional
    public void set(long sessionId, Integer capacity) {
        ConferenceSession s = ConferenceSession.findById(sessionId);
        s.capacity = capacity;
    }

    @Transactional
    public void cancel(long sessionId) {
        ConferenceSession s = ConferenceSession.findById(sessionId);
        s.cancel();
    }
}
