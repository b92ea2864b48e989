package org.atrium.stage;

import java.util.List;

/**
 * Fired inside the transaction when a stream or recording of an event is set or removed. The live hub observes it
 * after commit and tells the event channel ({@code stage.changed}), so lobbies reload the stage, and the rooms of
 * {@code affectedSessions} (the session itself, or every session in the venue), so their pages reload their player.
 */
public record StageChanged(
        long eventId,
        long streamId,
        Long roomId,
        Long sessionId,
        String purpose,
        long version,
        List<Long> affectedSessions) {}
