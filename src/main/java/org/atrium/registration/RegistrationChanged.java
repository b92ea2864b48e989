package org.atrium.registration;

/**
 * A registration changed state. Fired inside the use case's transaction and meant to be observed with {@code
 * @Observes(during = TransactionPhase.AFTER_SUCCESS)}: observers then hear only of committed changes. {@code from}
 * is null for a registration that did not exist before.
 */
public record RegistrationChanged(
        long eventId, long registrationId, String subject, Registration.State from, Registration.State to, Kind kind) {

    /** What happened, from the participant's point of view (what a notification would say). */
    public enum Kind {
        PENDING,
        CONFIRMED,
        WAITLISTED,
        /** Moved from the waitlist to a confirmed place because a place became free. */
        PROMOTED,
        CANCELLED,
        REJECTED
    }
}
