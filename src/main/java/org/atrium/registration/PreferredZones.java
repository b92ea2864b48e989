package org.atrium.registration;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.common.DomainException;

/**
 * Checks the viewer zone a participant gives when registering: an IANA region id ({@code Asia/Baku}, {@code UTC})
 * or an offset ({@code +04:00}, {@code -05:30}, {@code GMT+4}, {@code UTC+04:00}). The value is stored as given.
 * Stand-in until {@code org.atrium.timezone.ViewerZones} is on main; swap the body of {@link #check} for it then.
 */
final class PreferredZones {

    private static final Pattern OFFSET = Pattern.compile("(?:(?:GMT|UTC))?([+-])(\\d{1,2})(?::?(\\d{2}))?");

    private PreferredZones() {}

    /** The trimmed zone, or null when none was given; a 400 {@code timezone.unknown} when it cannot be read. */
    static String check(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String zone = given.trim();
        Matcher m = OFFSET.matcher(zone.toUpperCase(java.util.Locale.ROOT));
        try {
            if (m.matches()) {
                int hours = Integer.parseInt(m.group(2));
                int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                int sign = m.group(1).equals("-") ? -1 : 1;
                ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
                return zone;
            }
            if (zone.contains("/") || zone.equals("UTC")) {
                ZoneId.of(zone);
                return zone;
            }
        } catch (DateTimeException | NumberFormatException e) {
            // fall through to the refusal
        }
        throw new DomainException(
                400,
                "timezone.unknown",
                "Unknown time zone '" + zone + "'; use an IANA id such as Asia/Baku or an offset such as GMT+4.");
    }
}
