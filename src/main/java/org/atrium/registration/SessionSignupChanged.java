package org.atrium.registration;

/**
 * A session sign-up changed state (observe after commit, like {@link RegistrationChanged}). States and kinds are
 * those of a registration restricted to CONFIRMED, WAITLISTED, PROMOTED and CANCELLED.
 */
public record SessionSignupChanged(
        long eventId,
        long sessionId,
        long signupId,
        String subject,
        String from,
        String to,
        RegistrationChanged.Kind kind) {}
