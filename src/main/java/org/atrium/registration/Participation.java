package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** What other features may ask about someone's participation in an event. */
@ApplicationScoped
public class Participation {

    /** Whether the account holds a confirmed registration for the event (the gate to its live rooms). */
    public boolean isConfirmed(long eventId, String subject) {
        return Registration.count(
                        "event.id = ?1 and subject = ?2 and state = ?3", eventId, subject, Registration.State.CONFIRMED)
                > 0;
    }

    /** The viewer zone the participant chose when registering, as given (parse with the timezone feature). */
    public Optional<String> preferredZone(long eventId, String subject) {
        return Registration.<Registration>find("event.id = ?1 and subject = ?2", eventId, subject)
                .firstResultOptional()
                .map(r -> r.timeZone)
                .filter(z -> z != null && !z.isBlank());
    }
}
