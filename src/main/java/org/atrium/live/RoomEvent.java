package org.atrium.live;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A room event as its use case built it, once: the frame (type, seq, fields), the account it belongs to (a restricted
 * event reaches only moderators and this owner), and whether it is restricted. {@link LiveProtocol#render} turns it
 * into the one {@link Delivery} that is stored and sent to every audience.
 */
record RoomEvent(ObjectNode frame, String owner, boolean restricted) {

    String type() {
        return frame.get("type").asText();
    }
}
