package org.atrium.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Frames for one account on an event's channel (the in-app notices of the notification feature): sent to that
 * account's open connections there, and to no one else, not even organisers; nothing is stored in the room's log
 * (the notification list is the record, and a client that was away reads it there). No room is created for it.
 */
@ApplicationScoped
public class PersonalNotices {

    @Inject
    LiveRooms rooms;

    /**
     * Sends {@code notice.received} with {@code noticeJson} (a JSON object) to {@code subject}'s connections on the
     * event's channel.
     */
    public void tell(long eventId, String subject, String noticeJson) {
        LiveRoom room = rooms.existing(LiveRoom.eventKey(eventId));
        if (room != null) {
            room.tell(subject, Delivery.unsequenced("{\"type\":\"notice.received\",\"notice\":" + noticeJson + "}"));
        }
    }
}
