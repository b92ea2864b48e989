package org.atrium.speaker;

/**
 * Fired synchronously, inside the deleting transaction, just before a speaker's row goes. Features that list speakers
 * (the programme's line-ups) observe it to keep their own rows right; the speaker feature never writes their tables.
 */
public record SpeakerRemoved(long eventId, long speakerId) {}
