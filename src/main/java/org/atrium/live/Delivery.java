package org.atrium.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A room event rendered once per audience (see {@link LiveProtocol#render}): {@code full} for organisers,
 * {@code redacted} (every anonymous author removed) for the others, and for each account whose anonymous question the
 * event embeds, a rendering that shows that account its own name and no one else's ({@code revealed}; usually the
 * full rendering itself, so nothing extra is serialised). A restricted event goes only to moderators and its owner.
 * Presence updates and frames for one member carry seq 0.
 *
 * <p>Once {@link #framed()}, each rendering is also kept as a complete WebSocket text frame (header and payload) in
 * off-heap memory: frames from a server are not masked, so the same bytes go to every connection that gets this
 * rendering, and fan-out hands each connection a view of them instead of encoding and copying the frame once per
 * connection.
 */
record Delivery(
        long seq,
        String owner,
        boolean restricted,
        Rendering full,
        Rendering redacted,
        Map<String, Rendering> revealed) {

    /** One serialised form of the event and, once framed, its encoded WebSocket frame. */
    record Rendering(String text, ByteBuf frame) {

        Rendering(String text) {
            this(text, null);
        }
    }

    /** An event that reads the same for everyone (no anonymous question in it). */
    Delivery(long seq, String text, String owner, boolean restricted) {
        this(seq, owner, restricted, new Rendering(text), null, Map.of());
    }

    Delivery {
        if (redacted == null) {
            redacted = full;
        }
    }

    /** This event with its frames encoded (once per distinct rendering, for all the room's members). */
    Delivery framed() {
        if (full.frame() != null) {
            return this;
        }
        Map<Rendering, Rendering> encoded = new IdentityHashMap<>();
        Rendering f = encoded.computeIfAbsent(full, Delivery::encoded);
        Rendering r = encoded.computeIfAbsent(redacted, Delivery::encoded);
        Map<String, Rendering> rev = Map.of();
        if (!revealed.isEmpty()) {
            rev = new HashMap<>();
            for (Map.Entry<String, Rendering> e : revealed.entrySet()) {
                rev.put(e.getKey(), encoded.computeIfAbsent(e.getValue(), Delivery::encoded));
            }
        }
        return new Delivery(seq, owner, restricted, f, r, rev);
    }

    private static Rendering encoded(Rendering r) {
        return new Rendering(r.text(), encode(r.text()));
    }

    static Delivery unsequenced(String frame) {
        return new Delivery(0, frame, null, false);
    }

    /**
     * The rendering for one reader: organisers get every author; anyone else gets the author of an anonymous question
     * only when it is their own. The rule looks at each embedded question's own author, never at who caused the event,
     * so it holds for every event type and for stored events replayed on a resume.
     */
    Rendering renderingFor(String subject, boolean organiser) {
        if (organiser) {
            return full;
        }
        if (revealed.isEmpty()) {
            return redacted;
        }
        return revealed.getOrDefault(subject, redacted);
    }

    /**
     * A view of a rendering's encoded frame: its own read position over the shared bytes, which the channel may release
     * after writing without freeing them (the garbage collector does).
     */
    static ByteBuf frame(Rendering rendering) {
        return rendering.frame().duplicate();
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
