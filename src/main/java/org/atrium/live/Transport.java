package org.atrium.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.VertxException;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The edges of the WebSocket transport, where clients misbehave or vanish, neither of which is a server fault.
 *
 * <ul>
 *   <li>A message over the transport's cap ({@code quarkus.websockets-next.server.max-message-size}), in one frame of
 *       any size or in fragments, closes with 1009 like one over the hub's {@code max-frame-chars}. Left alone,
 *       Vert.x drops the TCP connection without a close frame for a frame over the cap (Netty's decoder throws) and
 *       websockets-next closes with 1011 and an ERROR for fragments over it. A handler in the connection's Netty
 *       pipeline, just before Vert.x's, sees the decoded frames first: it counts a message's bytes, swallows the
 *       decoder's "too big" failure, drops the rest of the message and closes with 1009 through websockets-next.
 *   <li>A network failure (a reset, a broken pipe) is an ordinary disconnect: logged at DEBUG and counted in
 *       {@code atrium.live.disconnects{reason}}, never the two ERROR lines with stack traces websockets-next logs
 *       for an unhandled failure.
 * </ul>
 *
 * Anything else that reaches a socket's {@code @OnError} is a server fault: logged at ERROR, closed with 1011.
 */
@ApplicationScoped
class Transport {

    private static final Logger LOG = Logger.getLogger(Transport.class);
    static final String TOO_BIG = "frame.too-big";
    private static final UserData.TypedKey<Boolean> COUNTED = UserData.TypedKey.forBoolean("atrium.disconnect-counted");

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size", defaultValue = "65536")
    int maxMessageBytes;

    @ConfigProperty(name = "quarkus.http.idle-timeout", defaultValue = "30M")
    Duration idleTimeout;

    @Inject
    LiveConfig config;

    private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();

    /**
     * Puts the message-size guard in front of the connection's Vert.x handler; false when the Netty channel cannot be
     * reached (then only {@link #failed} applies, and a frame over the cap drops the connection without a close frame).
     *
     * <p>It also lets go of what a connection would keep for its whole life and never use again (issue 19, memory per
     * idle connection): the upgrade request's headers in the Vert.x socket (websockets-next keeps its own copy for
     * {@code handshakeRequest()}; nothing reads the socket's), and the HTTP idle timeout ({@code
     * quarkus.http.idle-timeout}, a Netty handler and a timer) when the sweep pings each connection more often than
     * that: a ping is a write, which restarts that timeout, so it could never fire; a peer that vanished shows when a
     * ping's write fails.
     */
    boolean guard(WebSocketConnection connection) {
        if (Member.socketOf(connection) instanceof ServerWebSocket socket) {
            socket.headers().clear();
        }
        ChannelHandlerContext vertx = Member.channelOf(connection);
        if (vertx == null || vertx.pipeline().get(MessageLimit.NAME) != null) {
            return vertx != null;
        }
        vertx.pipeline()
                .addBefore(
                        vertx.name(), MessageLimit.NAME, new MessageLimit(maxMessageBytes, () -> tooBig(connection)));
        if (pingsOutrunIdleTimeout() && vertx.pipeline().get(IdleStateHandler.class) != null) {
            vertx.pipeline().remove(IdleStateHandler.class);
        }
        return true;
    }

    /** Whether each live connection is pinged more often than the HTTP idle timeout would close it. */
    boolean pingsOutrunIdleTimeout() {
        Duration ping = config.pingInterval();
        return !ping.isZero() && !ping.isNegative() && !idleTimeout.isZero() && ping.compareTo(idleTimeout) < 0;
    }

    private void tooBig(WebSocketConnection connection) {
        count(connection, "too-big");
        LOG.debugf(
                "Live connection %s sent a message over %d bytes; closing with 1009", connection.id(), maxMessageBytes);
        close(connection, LiveProtocol.CLOSE_TOO_BIG, TOO_BIG);
    }

    /** A socket's {@code @OnError}: what websockets-next would otherwise log as an unhandled failure. */
    void failed(WebSocketConnection connection, Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupt) {
            WebSocketCloseStatus status = corrupt.closeStatus();
            if (status != null && status.code() == LiveProtocol.CLOSE_TOO_BIG) {
                tooBig(connection); // the guard is not in place (yet): the channel may be gone already
            } else {
                count(connection, "protocol");
                LOG.debugf("Live connection %s broke the WebSocket protocol: %s", connection.id(), failure);
                close(connection, status == null ? 1002 : status.code(), "protocol");
            }
        } else if (failure instanceof IOException || failure instanceof VertxException && isClosed(failure)) {
            count(connection, "reset");
            LOG.debugf("Live connection %s dropped: %s", connection.id(), failure);
        } else if (failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException
                || failure instanceof AuthenticationFailedException) {
            count(connection, "security");
            LOG.debugf("Live connection %s refused: %s", connection.id(), failure);
            close(connection, WebSocketCloseStatus.POLICY_VIOLATION.code(), "forbidden");
        } else {
            count(connection, "error");
            LOG.errorf(failure, "Live connection %s failed", connection.id());
            close(connection, WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "internal");
        }
    }

    /** Vert.x's "connection was closed" (HttpClosedException and the like): a drop seen while writing. */
    private static boolean isClosed(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("closed");
    }

    private static void close(WebSocketConnection connection, int code, String reason) {
        if (connection.isClosed()) {
            return;
        }
        connection
                .close(new CloseReason(code, reason))
                .subscribe()
                .with(v -> {}, e -> LOG.debugf("Closing %s: %s", connection.id(), e));
    }

    /** Counts a connection's end once, under the first reason seen (a reset is followed by "connection was closed"). */
    private void count(WebSocketConnection connection, String reason) {
        if (connection.userData().put(COUNTED, true) == null) {
            count(reason);
        }
    }

    private void count(String reason) {
        disconnects
                .computeIfAbsent(
                        reason,
                        r -> Counter.builder("atrium.live.disconnects")
                                .description("Live connections ended by the client or the network, by reason")
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    /**
     * In a connection's Netty pipeline, between the WebSocket decoder (and any decompressor) and Vert.x: the bytes of
     * the message being received, and whether it is over the cap; and when the peer last sent anything (read by the
     * sweep through {@link Member#silentNanos}). Runs on the channel's event loop, but for that one read.
     */
    static final class MessageLimit extends ChannelInboundHandlerAdapter {

        static final String NAME = "atrium-message-limit";

        private final long maxBytes;
        private final Runnable tooBig;
        private long bytes;
        private boolean tripped;
        /** When the peer last sent a frame of any kind (a pong included), in {@link System#nanoTime}. */
        private volatile long lastHeardNanos = System.nanoTime();

        MessageLimit(long maxBytes, Runnable tooBig) {
            this.maxBytes = maxBytes;
            this.tooBig = tooBig;
        }

        /** How long the peer has sent nothing at all. */
        long silentNanos(long nowNanos) {
            return nowNanos - lastHeardNanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            lastHeardNanos = System.nanoTime();
            boolean data = msg instanceof TextWebSocketFrame
                    || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame;
            if (!data) {
                ctx.fireChannelRead(msg); // control frames: a close, ping or pong still reaches Vert.x
                return;
            }
            WebSocketFrame frame = (WebSocketFrame) msg;
            if (!tripped) {
                bytes = (msg instanceof ContinuationWebSocketFrame ? bytes : 0)
                        + frame.content().readableBytes();
                if (bytes <= maxBytes) {
                    if (frame.isFinalFragment()) {
                        bytes = 0;
                    }
                    ctx.fireChannelRead(msg);
                    return;
                }
                trip();
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException e
                    && e.closeStatus() != null
                    && e.closeStatus().code() == LiveProtocol.CLOSE_TOO_BIG) {
                // Netty's decoder refused a frame over the cap and now discards the rest of the input; passing this on
                // would make Vert.x drop the TCP connection without the close frame
                trip();
                return;
            }
            ctx.fireExceptionCaught(cause);
        }

        private void trip() {
            if (!tripped) {
                tripped = true;
                tooBig.run();
            }
        }
    }
}
