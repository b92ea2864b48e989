package org.atrium.common;

import java.util.Map;

/** Optimistic locking for forms: the client sends back the version it read; anything else is a stale edit. */
public final class Versions {

    private Versions() {}

    /**
     * Refuses an update whose {@code sent} version is missing (400 {@code version.required}) or not {@code current}
     * (409 {@code version.conflict}, with the current version so the client can reload).
     */
    public static void check(String what, long current, Long sent) {
        if (sent == null) {
            throw new DomainException(
                    400,
                    "version.required",
                    "Send the 'version' of the " + what + " you edited, so that no one's change is lost.",
                    Map.of("field", "version"));
        }
        if (sent != current) {
            throw new DomainException(
                    409,
                    "version.conflict",
                    "Someone else changed this " + what + " in the meantime; reload it and apply your change again.",
                    Map.of("currentVersion", current));
        }
    }
}
