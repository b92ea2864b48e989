package org.atrium.live;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of live room: a session's room (Q&A and chat), an event's channel (announcements) and a work's room in the
 * exhibition (its guestbook, which is the room's Q&A, reactions and presence).
 */
enum Channel {
    SESSION("sessions", "sessionId", "session.not-found"),
    EVENT("events", "slug", "event.not-found"),
    WORK("works", "workId", "work.not-found");

    /** Where the Q&A commands, reactions and Q&A settings apply: session rooms and works' rooms (guestbooks). */
    static final Set<Channel> WITH_QA = EnumSet.of(SESSION, WORK);

    /** The socket's path segment after {@code /live/}. */
    final String segment;

    /** The path parameter of the socket that names the room. */
    final String pathParam;

    /** The error code of a join to a room that does not exist (or that the account may not know of). */
    final String notFound;

    Channel(String segment, String pathParam, String notFound) {
        this.segment = segment;
        this.pathParam = pathParam;
        this.notFound = notFound;
    }

    static Channel of(LiveRoom room) {
        return room.sessionId != null ? SESSION : room.workId != null ? WORK : EVENT;
    }
}
