package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.atrium.schedule.ConferenceSession;

/** Changes to sessions that the agenda tests need (moving and cancelling), committed like Fixtures' builders. */
@ApplicationScoped
class AgendaTestData {

    @Transactional
    void move(ConferenceSession session, Instant start, Instant end) {
        ConferenceSession s = ConferenceSession.findById(session.id);
        s.reschedule(start, end);
        s.updatedAt = Instant.parse("2026-03-01T00:00:00Z");
    }

    @Transactional
    void cancel(ConferenceSession session) {
        ConferenceSession s = ConferenceSession.findById(session.id);
        s.cancel();
        s.updatedAt = Instant.parse("2026-03-02T00:00:00Z");
    }

    /** A confirmed place in a session (the registration feature's sign-up), written directly. */
    @Transactional
    void signUp(ConferenceSession session, String subject) {
        ConferenceSession s = ConferenceSession.findById(session.id);
        ConferenceSession.getEntityManager()
                .createNativeQuery("insert into session_registration (session_id, event_id, subject, state, created_at,"
                        + " updated_at) values (?1, ?2, ?3, 'CONFIRMED', now(), now())")
                .setParameter(1, s.id)
                .setParameter(2, s.event.id)
                .setParameter(3, subject)
                .executeUpdate();
    }

    @Transactional
    void retitle(ConferenceSession session, String title, String summary) {
        ConferenceSession s = ConferenceSession.findById(session.id);
        s.title = title;
        s.summary = summary;
    }
}
