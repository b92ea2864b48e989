package org.atrium.live;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One open connection in a room: who it is, what it may do, and its place in the room's fan-out. Everything sent to
 * it is written from its own event loop, so frames leave in the order they were handed over; until its snapshot (or
 * the events it missed) has gone out, room events are held back and sent after it.
 *
 * <p>Each room event reaches a connection once, in seq order, by construction: the member remembers the last seq it
 * has had (sent, or passed over as not for it) and drops any event at or below it (the join's catch-up read can see a
 * batch whose fan-out reaches the member only after it went live), and when an event skips a seq it holds that event
 * back and reads the missing ones from the database first ({@link CatchUp}), instead of leaving a gap.
 *
 * <p>Fan-out is the hot path (one write per member per event). When the underlying Netty channel is reachable, room
 * events are written to it as the event's WebSocket frame (encoded once for the whole room, shared, not copied: see
 * {@link Delivery}) past the frame encoder, without a flush,
 * and the loop flushes each member once after a whole batch of events: one system call per member per batch instead of
 * one per event, and no per-write Uni or promise. Otherwise frames go through websockets-next. A member whose socket
 * stays full for more than {@code maxPending} frames is closed as too slow.
 */
final class Member {

    /**
     * How room events reach this member's socket. Only {@link #SHARED_FRAMES} is the fast path the benchmarks measured;
     * the others are fallbacks for a websockets-next or Vert.x whose internals the fast path cannot reach, and are
     * counted ({@code atrium.live.fanout.fallbacks}) and logged at WARN so that an upgrade cannot lose it silently
     * ({@code FanOutPathTest} fails then).
     */
    enum FanOutPath {
        /** The event's frame, encoded once for the room, written past the frame encoder into the Netty channel. */
        SHARED_FRAMES,
        /** A frame object per member written into the Netty channel (the frame encoder was not found). */
        CHANNEL_FRAMES,
        /** Through websockets-next's {@code sendText} (the Netty channel was not reachable). */
        WEBSOCKETS_NEXT
    }

    /** websockets-next keeps its Vert.x socket package-private; the fan-out writes to it directly when it can. */
    private static final MethodHandle WEB_SOCKET = webSocketAccessor();
    /** Vert.x Web wraps the server socket (to report forwarded addresses); the fan-out needs the socket itself. */
    private static final MethodHandle UNWRAP = field("io.vertx.ext.web.impl.ServerWebSocketWrapper", "delegate");

    final WebSocketConnection connection;
    final EventLoop loop;
    final String subject;
    final String name;
    /**
     * The name the programme gives this member on the session's line-up, read at admission (null when not on it):
     * their replies carry it, without a query per reply in the room writer's transaction.
     */
    final String stageName;

    final boolean moderator;
    final boolean organiser;
    final LiveRoom room;

    private final int maxPending;
    /** The Netty context of the Vert.x socket under {@link #connection}, or null to write through websockets-next. */
    private final ChannelHandlerContext channel;
    /** The transport's guard in front of {@link #channel}, which knows when the peer last sent anything; or null. */
    private final Transport.MessageLimit inbound;
    /**
     * The context of the channel's WebSocket frame encoder: room events, already framed, are written from there, so
     * they skip the encoder (and any compression after it: an uncompressed message is valid under permessage-deflate).
     */
    private final ChannelHandlerContext framed;
    /** Frames written while the socket could take no more (or, through websockets-next, not yet written); on loop. */
    private int pending;
    /** Whether frames were written since the last flush; on loop. */
    private boolean unflushed;
    /**
     * Room events that arrived before the member went live, or while it reads events it missed; null once live;
     * touched only on {@link #loop}.
     */
    private List<Delivery> held = new ArrayList<>();
    /** The seq of the last room event this member has had (sent, or passed over as not for it); on loop. */
    private long lastSeq;
    /** Reads what this member missed after a seq and hands it to {@link #goLive}. */
    private final CatchUp catchUp;

    /** Reads a member's missed room events after {@code seq} (or a snapshot) off the event loop, then calls goLive. */
    interface CatchUp {
        void after(Member member, long seq);
    }

    /** The current one-second window of this connection's reactions; on loop (Intake). */
    private long reactionWindow;

    private int reactionsInWindow;

    /** Counts one reaction; false when this connection has sent {@code perSecond} in the current second. */
    boolean tryReact(long nowMillis, int perSecond) {
        long window = nowMillis / 1000;
        if (window != reactionWindow) {
            reactionWindow = window;
            reactionsInWindow = 0;
        }
        if (reactionsInWindow >= perSecond) {
            return false;
        }
        reactionsInWindow++;
        return true;
    }

    /** When the account's sign-in ends (epoch millis); read by the sweep of {@link Connections}. */
    volatile long expiresAtMillis = Long.MAX_VALUE;
    /** Set once the sweep has closed this member for silence (its close may take the closing timeout to finish). */
    volatile boolean silenced;

    Member(
            WebSocketConnection connection,
            EventLoop loop,
            String subject,
            String name,
            String stageName,
            boolean moderator,
            boolean organiser,
            LiveRoom room,
            int maxPending,
            CatchUp catchUp) {
        this.connection = connection;
        this.loop = loop;
        this.subject = subject;
        this.name = name;
        this.stageName = stageName;
        this.moderator = moderator;
        this.organiser = organiser;
        this.room = room;
        this.maxPending = maxPending;
        this.catchUp = catchUp;
        this.channel = channelOf(connection);
        this.inbound = channel == null
                ? null
                : channel.pipeline().get(Transport.MessageLimit.NAME) instanceof Transport.MessageLimit limit
                        ? limit
                        : null;
        this.framed = channel == null ? null : channel.pipeline().context(WebSocketFrameEncoder.class);
        FanOutPath path = fanOutPath();
        if (reported != path) {
            reported = path;
            Logger log = Logger.getLogger(Member.class);
            if (path == FanOutPath.SHARED_FRAMES) {
                log.infof("Live fan-out writes encoded frames to the Netty channels directly");
            } else {
                log.warnf("Live fan-out fell back to the slower path %s: websockets-next's internals moved", path);
            }
        }
    }

    private static volatile FanOutPath reported;

    /** How room events reach this member (see {@link FanOutPath}). */
    FanOutPath fanOutPath() {
        return framed != null
                ? FanOutPath.SHARED_FRAMES
                : channel != null ? FanOutPath.CHANNEL_FRAMES : FanOutPath.WEBSOCKETS_NEXT;
    }

    /** Whether the websockets-next and Vert.x internals the fast path reflects into were found. */
    static boolean internalsFound() {
        return WEB_SOCKET != null && UNWRAP != null;
    }

    private static MethodHandle webSocketAccessor() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase");
            return MethodHandles.privateLookupIn(base, MethodHandles.lookup())
                    .findVirtual(base, "webSocket", MethodType.methodType(WebSocketBase.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle field(String className, String name) {
        try {
            Class<?> owner = Class.forName(className);
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                    .findGetter(owner, name, ServerWebSocket.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The Netty context of the Vert.x handler under {@code connection}, or null where it cannot be reached. */
    static ChannelHandlerContext channelOf(WebSocketConnection connection) {
        return socketOf(connection) instanceof WebSocketImplBase<?> impl
                        && impl.connection() instanceof ConnectionBase c
                ? c.channelHandlerContext()
                : null;
    }

    /** The Vert.x socket under {@code connection} (unwrapped), or null where it cannot be reached. */
    static WebSocketBase socketOf(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return null;
        }
        try {
            WebSocketBase socket = (WebSocketBase) WEB_SOCKET.invoke(connection);
            while (UNWRAP != null && UNWRAP.type().parameterType(0).isInstance(socket)) {
                socket = (WebSocketBase) UNWRAP.invoke(socket);
            }
            return socket;
        } catch (Throwable e) {
            return null;
        }
    }

    /** Whether a room event is for this member: a restricted one only for moderators and its owner. */
    private boolean sees(Delivery delivery) {
        return !delivery.restricted() || moderator || subject.equals(delivery.owner());
    }

    /** The text of a room event as this member should get it, or null when it is not for them. */
    String frameOf(Delivery delivery) {
        return sees(delivery) ? delivery.renderingFor(subject, organiser).text() : null;
    }

    /**
     * On {@link #loop}: a room event; {@link #flush()} sends it. One this member already had is dropped; one that
     * skips a seq waits until the missing ones are read back from the database.
     */
    void deliver(Delivery delivery) {
        if (held != null) {
            hold(delivery);
            return;
        }
        long seq = delivery.seq();
        if (seq != 0) {
            if (seq <= lastSeq) {
                return;
            }
            if (seq != lastSeq + 1) {
                if (pending >= 0) {
                    held = new ArrayList<>();
                    held.add(delivery);
                    catchUp.after(this, lastSeq);
                }
                return;
            }
            lastSeq = seq;
        }
        if (!sees(delivery)) {
            return;
        }
        Delivery.Rendering rendering = delivery.renderingFor(subject, organiser);
        if (framed != null && rendering.frame() != null) {
            if (admit()) {
                framed.write(Delivery.frame(rendering), framed.voidPromise());
                unflushed = true;
            }
        } else {
            write(rendering.text().getBytes(StandardCharsets.UTF_8), false);
        }
    }

    /**
     * On {@link #loop}: whether one more frame may be written to the channel; counts the frames written while the
     * socket stays full and closes a member that lets more than {@code maxPending} pile up.
     */
    private boolean admit() {
        if (pending < 0 || !channel.channel().isActive()) {
            return false;
        }
        if (channel.channel().isWritable()) {
            pending = 0;
        } else if (++pending > maxPending) {
            tooSlow();
            return false;
        }
        return true;
    }

    /** On {@link #loop}: sends what {@link #deliver} wrote. */
    void flush() {
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    /**
     * On {@link #loop}: the join frames (a snapshot, or the events missed) have gone out up to {@code seq}; send what
     * was held back after it (room events past {@code seq}, and in their order the frames for this member alone and
     * presence updates, which carry seq 0).
     */
    void goLive(List<String> joinFrames, long seq) {
        if (held == null) {
            return; // failed (and closing) before its join frames were ready
        }
        joinFrames.forEach(this::write);
        lastSeq = Math.max(lastSeq, seq);
        List<Delivery> waiting = held;
        held = null;
        for (Delivery d : waiting) {
            deliver(d); // may hold again, when the held events themselves skip a seq
        }
        flush();
    }

    /**
     * From any thread: a frame for this member only (ack, error, pong), in order with its room events. Before the
     * member is live it waits with the held room events, so nothing reaches a client before its snapshot (a frame sent
     * right after the upgrade can be answered while the join is still reading the snapshot).
     */
    void send(String frame) {
        if (loop.inEventLoop()) {
            sendOnLoop(frame);
        } else {
            loop.execute(() -> sendOnLoop(frame));
        }
    }

    private void sendOnLoop(String frame) {
        if (held != null) {
            hold(Delivery.unsequenced(frame));
        } else {
            write(frame);
        }
    }

    /** From any thread: a WebSocket ping, so idle connections stay open through proxies and dead peers show. */
    /** How long the peer has sent nothing, not even a pong; 0 when that cannot be told (no transport guard). */
    long silentNanos(long nowNanos) {
        return inbound == null ? 0 : inbound.silentNanos(nowNanos);
    }

    void ping() {
        loop.execute(() -> {
            if (channel != null) {
                if (channel.channel().isActive()) {
                    channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
                }
            } else if (!connection.isClosed()) {
                connection
                        .sendPing(io.vertx.core.buffer.Buffer.buffer())
                        .subscribe()
                        .with(v -> {}, e -> {});
            }
        });
    }

    /**
     * From any thread: tells this member why and closes the connection (sign-in expired, room unavailable). The frame
     * goes out at once, not after a snapshot that may still be on its way, and nothing is written after it.
     */
    void fail(String errorFrame, int code, String reason) {
        loop.execute(() -> {
            held = null;
            write(errorFrame);
            pending = Integer.MIN_VALUE / 2;
            close(code, reason);
        });
    }

    void close(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(v -> {}, e -> {});
    }

    private void write(String frame) {
        write(frame.getBytes(StandardCharsets.UTF_8), true);
    }

    /** On {@link #loop}. */
    private void write(byte[] frame, boolean now) {
        if (channel != null) {
            if (admit()) {
                channel.write(new TextWebSocketFrame(true, 0, Unpooled.wrappedBuffer(frame)), channel.voidPromise());
                if (now) {
                    channel.flush();
                } else {
                    unflushed = true;
                }
            }
            return;
        }
        if (pending < 0 || connection.isClosed()) {
            return;
        }
        if (++pending > maxPending) {
            tooSlow();
            return;
        }
        connection
                .sendText(new String(frame, StandardCharsets.UTF_8))
                .subscribe()
                .with(v -> loop.execute(() -> pending--), e -> loop.execute(() -> pending--));
    }

    /**
     * Keeps a frame back while the snapshot or a gap's refill is out; a member that would hold more than
     * {@code maxPending} (a refill stuck behind a slow database in a busy room) is closed as too slow rather than grow
     * without bound: its client resumes from its last seq.
     */
    private void hold(Delivery delivery) {
        if (pending < 0) {
            return;
        }
        if (held.size() >= maxPending) {
            tooSlow();
            return;
        }
        held.add(delivery);
    }

    private void tooSlow() {
        pending = Integer.MIN_VALUE / 2;
        close(LiveProtocol.CLOSE_TOO_SLOW, "live.too-slow");
    }
}
