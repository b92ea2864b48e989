package org.atrium.live;

/**
 * A room event rendered once for everyone: {@code full} for organisers and its owner, {@code redacted} (anonymous
 * authors removed) for the others. A restricted event goes only to moderators and its owner. Presence updates carry
 * seq 0.
 */
record Delivery(long seq, String full, String redacted, String owner, boolean restricted) {

    static Delivery unsequenced(String frame) {
        return new Delivery(0, frame, frame, null, false);
    }
}
