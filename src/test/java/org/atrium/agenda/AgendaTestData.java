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

    @Transactional
    void retitle(ConferenceSession session, String title, String summary) {
        ConferenceSession s = ConferenceSession.findById(session.id);
        s.title = title;
        s.summary = summary;
    }
}
