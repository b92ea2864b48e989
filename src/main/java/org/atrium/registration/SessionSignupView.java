package org.atrium.registration;

import java.time.Instant;

/** A place on a session, for its holder and the event's organisers. */
record SessionSignupView(
        long id,
        long sessionId,
        String sessionTitle,
        String subject,
        SessionSignup.State state,
        Integer waitlistPosition,
        Instant createdAt,
        Instant updatedAt) {

    static SessionSignupView of(SessionSignup s, Integer waitlistPosition) {
        return new SessionSignupView(
                s.id,
                s.session.id,
                s.session.title,
                s.subject,
                s.state,
                s.state == SessionSignup.State.WAITLISTED ? waitlistPosition : null,
                s.createdAt,
                s.updatedAt);
    }
}
