package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * What other features may ask about someone's participation in an event: the registration feature's read API. Live
 * rooms and the agenda ask here and never read {@link Registration} or {@link SessionSignup} rows themselves
 * ({@code ArchitectureTest} keeps it so). Read-only; each method joins the caller's transaction, if any.
 */
@ApplicationScoped
public class Participation {

    @Inject
    EntityManager em;

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
