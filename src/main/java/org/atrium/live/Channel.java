package org.atrium.live;

/** The two kinds of live room: a session's room (Q&A and chat) and an event's channel (announcements). */
enum Channel {
    SESSION("sessionId"),
    EVENT("slug");

    /** The path parameter of the socket that names the room. */
    final String pathParam;

    Channel(String pathParam) {
        this.pathParam = pathParam;
    }

    static Channel of(LiveRoom room) {
        return room.sessionId != null ? SESSION : EVENT;
    }
}
