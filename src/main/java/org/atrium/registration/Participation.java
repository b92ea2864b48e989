package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** What other features may ask about someone's participation in an event. */
@ApplicationScoped
public class Participation {

    /** Whether the account holds a confirmed registration for the event (the gate to its live rooms). */
    public boolean isConfirmed(long eventId, String subject) {
        // a plain query, not Panache count(): Hibernate translates a count query anew on every call (a fifth of a live
        // join's CPU in a JFR profile of a join storm), while this one's plan is cached
        return !Registration.getEntityManager()
                .createQuery(
                        "select r.id from Registration r where r.event.id = ?1 and r.subject = ?2 and r.state = ?3",
                        Long.class)
                .setParameter(1, eventId)
                .setParameter(2, subject)
                .setParameter(3, Registration.State.CONFIRMED)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** The viewer zone the participant chose when registering, as given (parse with the timezone feature). */
    public Optional<String> preferredZone(long eventId, String subject) {
        return Registration.<Registration>find("event.id = ?1 and subject = ?2", eventId, subject)
                .firstResultOptional()
                .map(r -> r.timeZone)
                .filter(z -> z != null && !z.isBlank());
    }
}
