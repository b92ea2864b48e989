package org.atrium.live;

import io.quarkus.arc.ClientProxy;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

/** A session's live room: Q&A and chat. The protocol is in src/docs/live-protocol.md. */
@Authenticated
@WebSocket(path = "/live/sessions/{sessionId}")
class SessionSocket {

    @Inject
    Hub hub;

    @Inject
    Transport transport;

    @Inject
    SecurityIdentity identity;

    @Inject
    WebSocketConnection connection;

    @OnOpen
    void open(@PathParam String sessionId) {
        transport.guard(ClientProxy.unwrap(connection));
        hub.open(ClientProxy.unwrap(connection), identity, Hub.Channel.SESSION, sessionId);
    }

    // checked and queued on the event loop (nothing in it blocks; it saves a hop to a worker per frame);
    // websockets-next
    // runs one connection's callbacks one at a time (inbound processing mode "serial"), so a frame sent right after
    // the upgrade waits for @OnOpen, the join
    @NonBlocking
    @OnTextMessage
    void text(String frame) {
        hub.receive(connection, frame);
    }

    @OnBinaryMessage
    void binary(Buffer frame) {
        connection.closeAndAwait(new CloseReason(LiveProtocol.CLOSE_UNSUPPORTED, "binary frames are not supported"));
    }

    @OnClose
    void close() {
        hub.closed(connection.id());
    }

    /** Oversized messages, network drops and faults: see {@link Transport}. */
    @NonBlocking
    @OnError
    void error(Throwable failure, WebSocketConnection failed) {
        // the connection as a parameter: after a reset the injected proxy's context is no longer active
        transport.failed(failed, failure);
    }
}
