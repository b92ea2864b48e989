package org.atrium.schedule;

/**
 * A room as clients see it. The join URL is for the event's organisers here; attendees get it through the features
 * that admit them to a session (registration, live rooms), so it never appears in public listings.
 */
record RoomView(long id, String name, Integer capacity, String joinUrl, Room.Kind kind, long version) {

    static RoomView of(Room r, boolean withJoinUrl) {
        return new RoomView(r.id, r.name, r.capacity, withJoinUrl ? r.joinUrl : null, r.kind, r.version);
    }
}
