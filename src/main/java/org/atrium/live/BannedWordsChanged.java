package org.atrium.live;

/** An event's banned words were replaced (fired inside the transaction; observed after it commits). */
record BannedWordsChanged(long eventId) {}
