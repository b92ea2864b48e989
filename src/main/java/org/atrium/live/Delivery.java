package org.atrium.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A room event rendered once for everyone: {@code full} for organisers and its owner, {@code redacted} (anonymous
 * authors removed) for the others. A restricted event goes only to moderators and its owner. Presence updates carry
 * seq 0.
 *
 * <p>Once {@link #framed()}, each rendering is also kept as a complete WebSocket text frame (header and payload) in
 * off-heap memory: frames from a server are not masked, so the same bytes go to every connection that gets this
 * rendering, and fan-out hands each connection a view of them instead of encoding and copying the frame once per
 * connection.
 */
record Delivery(
        long seq,
        String full,
        String redacted,
        String owner,
        boolean restricted,
        ByteBuf fullFrame,
        ByteBuf redactedFrame) {

    /** Not yet framed: catch-up reads use only the text; {@link LiveRoom#fanOut} frames what it sends. */
    Delivery(long seq, String full, String redacted, String owner, boolean restricted) {
        this(seq, full, redacted, owner, restricted, null, null);
    }

    /** This event with its frames encoded (once, for all the room's members). */
    Delivery framed() {
        if (fullFrame != null) {
            return this;
        }
        return new Delivery(
                seq, full, redacted, owner, restricted, encode(full), redacted.equals(full) ? null : encode(redacted));
    }

    boolean isFramed() {
        return fullFrame != null;
    }

    static Delivery unsequenced(String frame) {
        return new Delivery(0, frame, frame, null, false);
    }

    /**
     * A view of the encoded frame for a member who gets the full rendering or not: its own read position over the
     * shared bytes, which the channel may release after writing without freeing them (the garbage collector does).
     */
    ByteBuf frame(boolean full) {
        return (full || redactedFrame == null ? fullFrame : redactedFrame).duplicate();
    }

    /** The text of a member's rendering. */
    String text(boolean full) {
        return full ? this.full : redacted;
    }

    /** A final, unmasked text frame (RFC 6455 section 5.2) holding {@code text}. */
    static ByteBuf encode(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xffff ? 4 : 10;
        ByteBuffer buffer = ByteBuffer.allocateDirect(header + length);
        buffer.put((byte) 0x81); // FIN + text
        if (length < 126) {
            buffer.put((byte) length);
        } else if (length <= 0xffff) {
            buffer.put((byte) 126).putShort((short) length);
        } else {
            buffer.put((byte) 127).putLong(length);
        }
        buffer.put(payload).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(buffer));
    }
}
