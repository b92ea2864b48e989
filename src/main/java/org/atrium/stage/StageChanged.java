package org.atrium.stage;

/**
 * Fired inside the transaction when a stream or recording of an event is set or removed. The live hub observes it
 * after commit and tells the event channel ({@code stage.changed}), so lobbies and session pages reload the stage.
 */
public record StageChanged(long eventId, long streamId, Long roomId, Long sessionId, String purpose, long version) {}
