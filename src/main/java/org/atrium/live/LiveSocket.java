package org.atrium.live;

import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

/**
 * The live sockets: a session's room ({@link SessionRoom}), an event's channel ({@link EventChannel}) and a work's room
 * ({@link WorkRoom}) differ only in their path and {@link Channel}; everything else is here. The protocol is in src/docs/live-protocol.md.
 *
 * <p>The connection comes as a parameter of each callback, not injected: an injected {@code WebSocketConnection} is
 * session scoped, and websockets-next then keeps a session context for each connection's whole life. The account
 * comes from the upgrade ({@link UpgradeIdentity}), which lets the upgrade request go.
 */
abstract class LiveSocket {

    /** A session's live room: Q&A and chat. */
    @Authenticated
    @WebSocket(path = "/live/sessions/{sessionId}")
    static class SessionRoom extends LiveSocket {
        SessionRoom() {
            super(Channel.SESSION);
        }
    }

    /** An event's channel: announcements for everyone at the event. */
    @Authenticated
    @WebSocket(path = "/live/events/{slug}")
    static class EventChannel extends LiveSocket {
        EventChannel() {
            super(Channel.EVENT);
        }
    }

    /** A work's live room in the exhibition: its guestbook (the room's Q&A), reactions and presence. */
    @Authenticated
    @WebSocket(path = "/live/works/{workId}")
    static class WorkRoom extends LiveSocket {
        WorkRoom() {
            super(Channel.WORK);
        }
    }

    private final Channel channel;

    @Inject
    Connections connections;

    @Inject
    Intake intake;

    @Inject
    Transport transport;

    LiveSocket(Channel channel) {
        this.channel = channel;
    }

    // on the event loop; the join itself runs on the join threads (Connections), and the connection's frames wait for
    // it: websockets-next runs one connection's callbacks one at a time (inbound processing mode "serial"), an
    // asynchronous one until its Uni completes
    @NonBlocking
    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        transport.guard(connection);
        return connections.open(
                connection, UpgradeIdentity.take(connection), channel, connection.pathParam(channel.pathParam));
    }

    // checked and queued on the event loop (nothing in it blocks; it saves a hop to a worker per frame);
    // websockets-next runs one connection's callbacks one at a time (inbound processing mode "serial"), so a frame sent
    // right after the upgrade waits for @OnOpen, the join
    @NonBlocking
    @OnTextMessage
    void text(String frame, WebSocketConnection connection) {
        intake.receive(connection, frame);
    }

    @OnBinaryMessage
    void binary(Buffer frame, WebSocketConnection connection) {
        connection.closeAndAwait(new CloseReason(LiveProtocol.CLOSE_UNSUPPORTED, "binary frames are not supported"));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        connections.closed(connection.id());
    }

    /** Oversized messages, network drops and faults: see {@link Transport}. */
    @NonBlocking
    @OnError
    void error(Throwable failure, WebSocketConnection failed) {
        transport.failed(failed, failure);
    }
}
