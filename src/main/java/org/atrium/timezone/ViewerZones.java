package org.atrium.timezone;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.common.DomainException;

/**
 * The zones a viewer may ask for, written the way people write them: IANA ids in any letter case ({@code Asia/Baku},
 * {@code europe/london}) and offsets ({@code GMT+4}, {@code GMT+04:00}, {@code UTC+4}, {@code UTC-3:30},
 * {@code +04:00}, {@code +0400}, {@code UTC}, {@code Z}).
 *
 * <p>{@code GMT+4} means UTC+4, as people mean it, and never the POSIX id {@code Etc/GMT+4} (which is UTC-4). A
 * {@code +} in a URL query decodes to a space, so {@code GMT 4} and {@code UTC 4} are read as {@code GMT+4}, and a
 * leading space before digits ({@code " 04:00"}) as {@code +04:00}. Offsets become a {@link ZoneOffset} (no daylight
 * saving); IANA ids become a region zone with its rules.
 */
public final class ViewerZones {

    /** The forms listed in the problem document when a zone is not understood. */
    public static final List<String> ACCEPTED_FORMS = List.of(
            "an IANA time zone id such as Asia/Baku, Europe/London or America/New_York (any letter case)",
            "GMT+4, GMT+04:00, GMT-3:30 (GMT+4 means four hours ahead of UTC)",
            "UTC+4, UTC+04:00, UTC-03:30",
            "+04:00, +0400, -03:30",
            "UTC, GMT or Z");

    /** Offsets people write: an optional GMT/UTC/UT prefix, a sign (a space when a URL '+' was decoded), hh[[:]mm]. */
    private static final Pattern OFFSET = Pattern.compile(
            "^(?:(GMT|UTC|UT)\\s*(?:([+\\-\u2212]|\\s)\\s*(\\d{1,2})(?::?(\\d{2}))?)?|([+\\-\u2212])\\s*(\\d{1,2})(?::?(\\d{2}))?)$");

    /** A value that arrived as {@code +04:00} in a query and was decoded to {@code " 04:00"}. */
    private static final Pattern DECODED_PLUS = Pattern.compile("^\\s+(\\d{1,2})(?::?(\\d{2}))?\\s*$");

    private static final Map<String, String> IDS_BY_UPPER_CASE = new TreeMap<>();
    private static final Map<String, List<String>> IDS_BY_CITY = new TreeMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            IDS_BY_UPPER_CASE.put(id.toUpperCase(Locale.ROOT), id);
            int slash = id.lastIndexOf('/');
            if (slash > 0 && !id.startsWith("Etc/")) {
                IDS_BY_CITY
                        .computeIfAbsent(cityKey(id.substring(slash + 1)), k -> new ArrayList<>())
                        .add(id);
            }
        }
        IDS_BY_CITY.values().forEach(list -> list.sort(Comparator.naturalOrder()));
    }

    private ViewerZones() {}

    /** The zone for {@code input}, or a 400 problem {@code timezone.unknown} listing the forms and close matches. */
    public static ZoneId parse(String input) {
        return tryParse(input).orElseThrow(() -> unknown(input));
    }

    /** The zone for {@code input}, or empty when it is not a form Atrium accepts. */
    public static Optional<ZoneId> tryParse(String input) {
        if (input == null || input.isBlank() || input.length() > 64) {
            return Optional.empty();
        }
        Matcher decoded = DECODED_PLUS.matcher(input);
        if (decoded.matches()) {
            return offset('+', decoded.group(1), decoded.group(2));
        }
        String text = input.strip();
        if (text.equalsIgnoreCase("Z")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher m = OFFSET.matcher(text.toUpperCase(Locale.ROOT));
        if (m.matches()) {
            if (m.group(1) != null) {
                if (m.group(3) == null) {
                    return Optional.of(ZoneOffset.UTC);
                }
                return offset(m.group(2).charAt(0), m.group(3), m.group(4));
            }
            return offset(m.group(5).charAt(0), m.group(6), m.group(7));
        }
        String id = IDS_BY_UPPER_CASE.get(text.toUpperCase(Locale.ROOT));
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ZoneId> offset(char sign, String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = minutes == null ? 0 : Integer.parseInt(minutes);
        if (h > 18 || m > 59 || (h == 18 && m > 0)) {
            return Optional.empty();
        }
        int direction = sign == '-' || sign == '\u2212' ? -1 : 1;
        return Optional.of(ZoneOffset.ofHoursMinutes(direction * h, direction * m));
    }

    /** The 400 problem for a zone that is not understood. */
    public static DomainException unknown(String input) {
        List<String> suggestions = suggestions(input);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("input", input == null ? "" : input);
        details.put("accepted", ACCEPTED_FORMS);
        details.put("suggestions", suggestions);
        String hint = suggestions.isEmpty() ? "" : " Did you mean " + String.join(", ", suggestions) + "?";
        return new DomainException(
                400,
                "timezone.unknown",
                "Unknown time zone '" + (input == null ? "" : input)
                        + "'. Use an IANA id such as Asia/Baku or an offset such as GMT+4 or +04:00." + hint,
                details);
    }

    /**
     * Close matches for a zone that is not understood: IANA ids whose city is the input ({@code baku} ->
     * {@code Asia/Baku}, {@code new york} -> {@code America/New_York}), then ids and cities within a small edit
     * distance. At most five, best first.
     */
    public static List<String> suggestions(String input) {
        if (input == null || input.isBlank() || input.length() > 64) {
            return List.of();
        }
        String text = input.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        String city = cityKey(text.contains("/") ? text.substring(text.lastIndexOf('/') + 1) : text);
        Set<String> result = new LinkedHashSet<>(IDS_BY_CITY.getOrDefault(city, List.of()));
        record Scored(String id, int distance) {}
        int limit = Math.max(1, Math.min(3, lower.length() / 4));
        List<Scored> scored = new ArrayList<>();
        for (String id : IDS_BY_UPPER_CASE.values()) {
            if (id.startsWith("Etc/") || !id.contains("/")) {
                continue;
            }
            int whole = distance(lower, id.toLowerCase(Locale.ROOT));
            int byCity = distance(city, cityKey(id.substring(id.lastIndexOf('/') + 1)));
            int best = Math.min(whole, byCity);
            if (best <= limit) {
                scored.add(new Scored(id, best));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id));
        for (Scored s : scored) {
            result.add(s.id());
        }
        return result.stream().limit(5).toList();
    }

    private static String cityKey(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').strip();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
