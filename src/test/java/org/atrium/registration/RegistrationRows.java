package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads what the database holds, for assertions (plain values, committed data only). */
@ApplicationScoped
public class RegistrationRows {

    public record Row(long id, String subject, Registration.State state, long arrival) {}

    public record SignupRow(long id, String subject, SessionSignup.State state, long arrival) {}

    /** The event's registrations in arrival order. */
    @Transactional
    public List<Row> of(long eventId) {
        return Registration.<Registration>find("event.id = ?1 order by arrival, id", eventId).stream()
                .map(r -> new Row(r.id, r.subject, r.state, r.arrival))
                .toList();
    }

    @Transactional
    public List<Row> of(long eventId, Registration.State state) {
        return of(eventId).stream().filter(r -> r.state() == state).toList();
    }

    @Transactional
    public List<SignupRow> signups(long sessionId) {
        return SessionSignup.<SessionSignup>find("session.id = ?1 order by arrival, id", sessionId).stream()
                .map(s -> new SignupRow(s.id, s.subject, s.state, s.arrival))
                .toList();
    }

    @Transactional
    public long settingsRows(long eventId) {
        return RegistrationSettings.count("event.id", eventId);
    }
}
