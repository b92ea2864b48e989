package org.atrium.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.atrium.cluster.ClusterChannel;
import org.atrium.cluster.ClusterMessage;

/**
 * Frames for one account on an event's channel (the in-app notices of the notification feature): sent to that
 * account's open connections there, and to no one else, not even organisers; nothing is stored in the room's log
 * (the notification list is the record, and a client that was away reads it there). No room is created for it. The
 * other nodes get the notice through the cluster channel and deliver it to the account's connections they hold.
 */
@ApplicationScoped
public class PersonalNotices {

    /** Cluster topic; the payload is {@code <eventId> <subject length>:<subject><notice JSON>}. */
    static final String TOPIC = "personal-notice";

    @Inject
    LiveRooms rooms;

    @Inject
    ClusterChannel cluster;

    /**
     * Sends {@code notice.received} with {@code noticeJson} (a JSON object) to {@code subject}'s connections on the
     * event's channel, on this node and the others. A notice too large for the cluster channel reaches this node's
     * connections only (the list has it either way).
     */
    public void tell(long eventId, String subject, String noticeJson) {
        deliver(eventId, subject, noticeJson);
        String payload = eventId + " " + subject.length() + ":" + subject + noticeJson;
        if (payload.length() * 3 < ClusterChannel.MAX_PAYLOAD_BYTES - 200) {
            cluster.publish(TOPIC, payload);
        }
    }

    void onOtherNode(@Observes ClusterMessage message) {
        if (!TOPIC.equals(message.topic())) {
            return;
        }
        String p = message.payload();
        int space = p.indexOf(' ');
        int colon = p.indexOf(':', space);
        long eventId = Long.parseLong(p.substring(0, space));
        int length = Integer.parseInt(p.substring(space + 1, colon));
        String subject = p.substring(colon + 1, colon + 1 + length);
        deliver(eventId, subject, p.substring(colon + 1 + length));
    }

    private void deliver(long eventId, String subject, String noticeJson) {
        LiveRoom room = rooms.existing(LiveRoom.eventKey(eventId));
        if (room != null) {
            room.tell(subject, Delivery.unsequenced("{\"type\":\"notice.received\",\"notice\":" + noticeJson + "}"));
        }
    }
}
