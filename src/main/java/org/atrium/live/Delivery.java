package org.atrium.live;

import java.nio.charset.StandardCharsets;

/**
 * A room event rendered once for everyone: {@code full} for organisers and its owner, {@code redacted} (anonymous
 * authors removed) for the others. A restricted event goes only to moderators and its owner. Presence updates carry
 * seq 0. Both renderings are also kept UTF-8 encoded, so fan-out writes the same bytes to every connection.
 */
record Delivery(
        long seq,
        String full,
        String redacted,
        String owner,
        boolean restricted,
        byte[] fullBytes,
        byte[] redactedBytes) {

    Delivery(long seq, String full, String redacted, String owner, boolean restricted) {
        this(seq, full, redacted, owner, restricted, utf8(full), redacted.equals(full) ? null : utf8(redacted));
    }

    static Delivery unsequenced(String frame) {
        return new Delivery(0, frame, frame, null, false);
    }

    /** The encoded frame for a member who gets the full rendering or not. */
    byte[] bytes(boolean full) {
        return full || redactedBytes == null ? fullBytes : redactedBytes;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
