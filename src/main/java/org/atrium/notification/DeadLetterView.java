package org.atrium.notification;

import java.time.Instant;

/** A message that was not delivered: dead after repeated failures, or bounced by the SMTP server. */
record DeadLetterView(
        long id,
        String kind,
        String state,
        String email,
        Long sessionId,
        int attempts,
        String lastError,
        Instant createdAt) {

    static DeadLetterView of(OutboxMessage m) {
        return new DeadLetterView(
                m.id, m.kind.name(), m.state.name(), m.email, m.sessionId, m.attempts, m.lastError, m.createdAt);
    }
}
