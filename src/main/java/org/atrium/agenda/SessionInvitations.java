package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.atrium.event.Event;

/**
 * One session as an iTIP (RFC 5546) message for an e-mail attachment: the VEVENT of the feeds (same UID, SEQUENCE
 * and times, built by {@link ICalendars}) with METHOD:REQUEST, or METHOD:CANCEL once the session is cancelled, so a
 * calendar that imported the feed or an earlier message moves or removes its entry instead of adding another.
 */
@ApplicationScoped
public class SessionInvitations {

    @Inject
    Slots slots;

    /** The session's iCalendar text (CRLF, folded); {@code organiser} is the sender's address (ORGANIZER). */
    public Invitation of(Event event, long sessionId, String baseUrl, String organiser) {
        Slot slot = slots.one(event, sessionId);
        return new Invitation(
                ICalendars.invitation(slot, baseUrl, organiser),
                slot.cancelled() ? "CANCEL" : "REQUEST",
                ICalendars.uid(slot),
                slot.revision());
    }

    /** The text and what it says: its METHOD, the VEVENT's UID and SEQUENCE. */
    public record Invitation(String ics, String method, String uid, int sequence) {}
}
