package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.atrium.event.Event;
import org.atrium.registration.Participation;
import org.atrium.security.CurrentUser;
import org.atrium.timezone.ViewerZone;

/** The viewer zone of the current request: {@code tz}, else the participant's preferred zone, else the event's. */
@ApplicationScoped
class Viewers {

    @Inject
    CurrentUser user;

    @Inject
    Participation participation;

    ViewerZone zone(Event event, String tz) {
        if (tz != null && !tz.isEmpty()) {
            return ViewerZone.resolve(tz, java.util.Optional.empty(), event.zone());
        }
        return ViewerZone.resolve(
                null, user.subject().flatMap(subject -> participation.preferredZone(event.id, subject)), event.zone());
    }
}
