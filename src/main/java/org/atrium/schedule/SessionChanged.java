package org.atrium.schedule;

/**
 * Fired inside the transaction whenever a session is created, changed (moved, re-roomed, new line-up) or cancelled.
 * Other features (registration, live rooms, feeds) observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} so they only hear of committed changes.
 */
public record SessionChanged(long eventId, long sessionId, Kind kind, int scheduleRevision) {

    public enum Kind {
        CREATED,
        UPDATED,
        CANCELLED
    }
}
