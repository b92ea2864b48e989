package org.atrium.timezone;

import java.time.ZoneOffset;

/** Offsets as clients read them: always {@code +hh:mm} (never {@code Z}). */
public final class Offsets {

    private Offsets() {}

    public static String format(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }
}
