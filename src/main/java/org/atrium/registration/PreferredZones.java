package org.atrium.registration;

import org.atrium.timezone.ViewerZones;

/**
 * Checks the viewer zone a participant gives when registering, with the same rules every time-showing response uses
 * ({@link ViewerZones}: IANA ids in any letter case, {@code GMT+4} as UTC+4, {@code +04:00}, {@code UTC} ...). The
 * value is stored as given.
 */
final class PreferredZones {

    private PreferredZones() {}

    /** The trimmed zone, or null when none was given; a 400 {@code timezone.unknown} (with suggestions) otherwise. */
    static String check(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String zone = given.trim();
        ViewerZones.parse(zone);
        return zone;
    }
}
