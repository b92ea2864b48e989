package org.atrium.live;

/**
 * A command on its way to the room writer: who sent it (null for the server's own), what it is, the sender's own
 * reference (unique per account and room: a retry with the same ref stores nothing new) and its payload, already
 * read and validated.
 */
record Command(Member member, LiveCommand kind, String ref, Payload payload) {

    /** A command the server itself stores in a room (no sender, no rate limit). */
    static Command fromServer(LiveCommand kind, String ref, Payload payload) {
        return new Command(null, kind, ref, payload);
    }

    /** The account a command is stored under; changes the server makes itself are by {@value #SERVER}. */
    String author() {
        return member == null ? SERVER : member.subject;
    }

    static final String SERVER = "system";
}
