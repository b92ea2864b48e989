package org.atrium.live;

import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open connection in a room: who it is, what it may do, and its place in the room's fan-out. Everything sent to
 * it is written from its own event loop, so frames leave in the order they were handed over; until its snapshot (or
 * the events it missed) has gone out, room events are held back and sent after it.
 */
final class Member {

    final WebSocketConnection connection;
    final EventLoop loop;
    final String subject;
    final String name;
    final boolean moderator;
    final boolean organiser;
    final LiveRoom room;

    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    /** Room events that arrived before the member went live; touched only on {@link #loop}. */
    private List<Delivery> held = new ArrayList<>();

    long expiryTimer = -1;

    Member(
            WebSocketConnection connection,
            EventLoop loop,
            String subject,
            String name,
            boolean moderator,
            boolean organiser,
            LiveRoom room,
            int maxPending) {
        this.connection = connection;
        this.loop = loop;
        this.subject = subject;
        this.name = name;
        this.moderator = moderator;
        this.organiser = organiser;
        this.room = room;
        this.maxPending = maxPending;
    }

    /** The frame of a room event this member should get, or null when it is not for them. */
    String frameOf(Delivery delivery) {
        if (delivery.restricted() && !moderator && !subject.equals(delivery.owner())) {
            return null;
        }
        return organiser || subject.equals(delivery.owner()) ? delivery.full() : delivery.redacted();
    }

    /** On {@link #loop}: a room event in seq order. */
    void deliver(Delivery delivery) {
        if (held != null) {
            held.add(delivery);
            return;
        }
        String frame = frameOf(delivery);
        if (frame != null) {
            write(frame);
        }
    }

    /** On {@link #loop}: the join frames have gone out up to {@code seq}; send what was held back after it. */
    void goLive(List<String> joinFrames, long seq) {
        joinFrames.forEach(this::write);
        List<Delivery> waiting = held;
        held = null;
        for (Delivery d : waiting) {
            if (d.seq() > seq || d.seq() == 0) {
                deliver(d);
            }
        }
    }

    boolean isLive() {
        return held == null;
    }

    /** From any thread: a frame for this member only (ack, error, pong), in order with its room events. */
    void send(String frame) {
        if (loop.inEventLoop()) {
            write(frame);
        } else {
            loop.execute(() -> write(frame));
        }
    }

    void close(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(v -> {}, e -> {});
    }

    private void write(String frame) {
        if (connection.isClosed()) {
            return;
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.set(Integer.MIN_VALUE / 2);
            close(LiveProtocol.CLOSE_TOO_SLOW, "live.too-slow");
            return;
        }
        connection.sendText(frame).subscribe().with(v -> pending.decrementAndGet(), e -> pending.decrementAndGet());
    }
}
