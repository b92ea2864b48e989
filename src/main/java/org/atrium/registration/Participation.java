package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.atrium.common.BatchedCalls;

/**
 * What other features may ask about someone's participation in an event: the registration feature's read API. Live
 * rooms and the agenda ask here and never read {@link Registration} or {@link SessionSignup} rows themselves
 * ({@code ArchitectureTest} keeps it so). Read-only; each method joins the caller's transaction, if any.
 */
@ApplicationScoped
public class Participation {

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    /** At most this many accounts per statement of {@link #isConfirmedBatched}. */
    static final int MAX_BATCH = 500;

    static final String CONFIRMED_SQL = "select k.i from unnest(?::bigint[], ?::text[]) with ordinality as k(event_id,"
            + " subject, i) where exists (select 1 from registration r where r.event_id = k.event_id"
            + " and r.subject = k.subject and r.state = 'CONFIRMED')";

    private record Asked(long eventId, String subject) {}

    private final BatchedCalls<Asked, Boolean> confirmations = new BatchedCalls<>(MAX_BATCH, this::confirmed);

    /** Whether the account holds a confirmed registration for the event (the gate to its live rooms). */
    public boolean isConfirmed(long eventId, String subject) {
        // a plain query, not Panache count(): Hibernate translates a count query anew on every call (a fifth of a live
        // join's CPU in a JFR profile of a join storm), while this one's plan is cached
        return !em.createQuery(
                        "select r.id from Registration r where r.event.id = ?1 and r.subject = ?2 and r.state = ?3",
                        Long.class)
                .setParameter(1, eventId)
                .setParameter(2, subject)
                .setParameter(3, Registration.State.CONFIRMED)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * {@link #isConfirmed} for a caller outside any transaction, answered together with the other callers asking at
     * the same moment: one statement of plain JDBC (no ORM session, no transaction of its own) for a whole burst, as
     * when a keynote's participants join its live room at once. The answer is the database's at the statement's start,
     * which began after this call did.
     */
    public boolean isConfirmedBatched(long eventId, String subject) {
        return confirmations.call(new Asked(eventId, subject));
    }

    private List<Boolean> confirmed(List<Asked> batch) {
        Long[] events = new Long[batch.size()];
        String[] subjects = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            events[i] = batch.get(i).eventId();
            subjects[i] = batch.get(i).subject();
        }
        List<Boolean> confirmed = new ArrayList<>(Collections.nCopies(batch.size(), Boolean.FALSE));
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(CONFIRMED_SQL)) {
            query.setArray(1, c.createArrayOf("bigint", events));
            query.setArray(2, c.createArrayOf("text", subjects));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    confirmed.set((int) rs.getLong(1) - 1, Boolean.TRUE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registrations could not be read: " + e.getMessage(), e);
        }
        return confirmed;
    }

    /**
     * The viewer zone the participant chose when registering, as given (IANA id or offset form; parse it with the
     * timezone feature); empty for anonymous callers and registrations without one.
     */
    public Optional<String> preferredZone(long eventId, String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        return Registration.<Registration>find("event.id = ?1 and subject = ?2", eventId, subject)
                .firstResultOptional()
                .map(r -> r.timeZone)
                .filter(z -> z != null && !z.isBlank());
    }

    /** One entry per confirmed participant of the event, in arrival order: their zone, or null when none given. */
    public List<String> confirmedZones(long eventId) {
        return em.createQuery(
                        "select r.timeZone from Registration r where r.event.id = ?1 and r.state = ?2 order by r.id",
                        String.class)
                .setParameter(1, eventId)
                .setParameter(2, Registration.State.CONFIRMED)
                .getResultList();
    }

    /** Sessions the participant holds a confirmed place in, in any event. */
    public List<Long> signedUpSessions(String subject) {
        return em.createQuery(
                        "select s.session.id from SessionSignup s where s.subject = ?1 and s.state = ?2", Long.class)
                .setParameter(1, subject)
                .setParameter(2, SessionSignup.State.CONFIRMED)
                .getResultList();
    }

    /** Sessions of one event the participant holds a confirmed place in. */
    public List<Long> signedUpSessions(String subject, long eventId) {
        return em.createQuery(
                        "select s.session.id from SessionSignup s where s.subject = ?1 and s.event.id = ?2"
                                + " and s.state = ?3",
                        Long.class)
                .setParameter(1, subject)
                .setParameter(2, eventId)
                .setParameter(3, SessionSignup.State.CONFIRMED)
                .getResultList();
    }
}
