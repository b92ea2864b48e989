package org.atrium.registration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hears registration changes after commit, as a notification feature would, and notes for each what another
 * connection saw in the database at that moment: a change heard before its commit would show the old state there.
 */
@ApplicationScoped
public class RecordedChanges {

    /** A change as heard, with the state another database connection read for the registration when it arrived. */
    public record Heard(RegistrationChanged change, String committedState) {}

    private final List<Heard> registrations = new CopyOnWriteArrayList<>();
    private final List<SessionSignupChanged> signups = new CopyOnWriteArrayList<>();
    private final List<RegistrationChanged> fired = new CopyOnWriteArrayList<>();

    /** Its own plain JDBC connection, outside the application's pool and transactions. */
    private Connection elsewhere;

    void onRegistration(@Observes(during = TransactionPhase.AFTER_SUCCESS) RegistrationChanged change) {
        registrations.add(new Heard(change, stateSeenElsewhere(change.registrationId())));
    }

    /** Heard at once, inside the transaction: shows the event was fired even when the commit never came. */
    void onFired(@Observes RegistrationChanged change) {
        fired.add(change);
    }

    public List<RegistrationChanged> firedIn(long eventId) {
        return fired.stream().filter(c -> c.eventId() == eventId).toList();
    }

    void onSignup(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionSignupChanged change) {
        signups.add(change);
    }

    @PreDestroy
    synchronized void close() throws SQLException {
        if (elsewhere != null) {
            elsewhere.close();
        }
    }

    public List<Heard> heard(long eventId) {
        List<Heard> out = new ArrayList<>();
        for (Heard h : registrations) {
            if (h.change().eventId() == eventId) {
                out.add(h);
            }
        }
        return out;
    }

    public List<RegistrationChanged> of(long eventId) {
        return heard(eventId).stream().map(Heard::change).toList();
    }

    public List<SessionSignupChanged> signupsOf(long sessionId) {
        return signups.stream().filter(s -> s.sessionId() == sessionId).toList();
    }

    private synchronized String stateSeenElsewhere(long registrationId) {
        try {
            if (elsewhere == null) {
                var config = ConfigProvider.getConfig();
                elsewhere = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = elsewhere.prepareStatement("select state from registration where id = ?")) {
            ps.setLong(1, registrationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
