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
 * {@code +} in a URL query decodes to a space, so {@code GMT 4} and {@code UTC 4} are read as {@code GMT+4}, a
 * leading space before digits ({@code " 04:00"}) as {@code +04:00}, and {@code Etc/GMT 4} as the IANA id
 * {@code Etc/GMT+4}. Offsets become a {@link ZoneOffset} (no daylight saving); IANA ids become a region zone with its
 * rules.
 *
 * <p>Only offsets that real zones use are accepted: from -12:00 to +14:00, on the hour or at :30 or :45 past
 * ({@code +05:30} India, {@code +05:45} Nepal, {@code -09:30} Marquesas, {@code +12:45} Chatham). {@code UTC+15} or
 * {@code +14:01} name a clock that exists nowhere and are refused. Abbreviations ({@code EST}, {@code IST}) are
 * refused as ambiguous, with the IANA ids they may mean as suggestions.
 */
public final class ViewerZones {

    /** The forms listed in the problem document when a zone is not understood. */
    public static final List<String> ACCEPTED_FORMS = List.of(
            "an IANA time zone id such as Asia/Baku, Europe/London or America/New_York (any letter case)",
            "GMT+4, GMT+04:00, GMT-3:30 (GMT+4 means four hours ahead of UTC)",
            "UTC+4, UTC+04:00, UTC-03:30",
            "+04:00, +0400, -03:30",
            "offsets from -12:00 to +14:00, on the hour or at :30 or :45 past, as real zones use",
            "UTC, GMT or Z",
            "Etc/GMT+4 is the IANA id for UTC-4 (POSIX signs are reversed); in a URL write its + as %2B");

    /** The forms an event's zone may take: a region, so that daylight-saving rules apply. */
    public static final List<String> REGION_FORMS =
            List.of("an IANA region id such as Asia/Baku, Europe/London or America/New_York (any letter case)", "UTC");

    /** The westernmost and easternmost offsets any zone uses, in minutes. */
    static final int MIN_OFFSET_MINUTES = -12 * 60;

    static final int MAX_OFFSET_MINUTES = 14 * 60;

    /** The minutes past the hour that real offsets use. */
    static final Set<Integer> OFFSET_MINUTES = Set.of(0, 30, 45);

    /**
     * Abbreviations people write for zones, and the IANA ids they may mean. Abbreviations are not accepted (most mean
     * several zones, and none carries daylight-saving rules); these are offered as suggestions.
     */
    static final Map<String, List<String>> ABBREVIATIONS = Map.ofEntries(
            Map.entry("EST", List.of("America/New_York", "America/Toronto", "America/Panama", "America/Cancun")),
            Map.entry("EDT", List.of("America/New_York", "America/Toronto")),
            Map.entry("CST", List.of("America/Chicago", "America/Mexico_City", "Asia/Shanghai", "America/Havana")),
            Map.entry("CDT", List.of("America/Chicago", "America/Havana")),
            Map.entry("MST", List.of("America/Denver", "America/Phoenix", "America/Edmonton")),
            Map.entry("MDT", List.of("America/Denver", "America/Edmonton")),
            Map.entry("PST", List.of("America/Los_Angeles", "America/Vancouver", "Asia/Manila")),
            Map.entry("PDT", List.of("America/Los_Angeles", "America/Vancouver")),
            Map.entry("AKST", List.of("America/Anchorage")),
            Map.entry("AKDT", List.of("America/Anchorage")),
            Map.entry("HST", List.of("Pacific/Honolulu")),
            Map.entry("AST", List.of("America/Halifax", "America/Puerto_Rico", "Asia/Riyadh")),
            Map.entry("ADT", List.of("America/Halifax")),
            Map.entry("NST", List.of("America/St_Johns")),
            Map.entry("NDT", List.of("America/St_Johns")),
            Map.entry("BRT", List.of("America/Sao_Paulo")),
            Map.entry("ART", List.of("America/Argentina/Buenos_Aires")),
            Map.entry("BST", List.of("Europe/London", "Asia/Dhaka")),
            Map.entry("IST", List.of("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem")),
            Map.entry("WET", List.of("Europe/Lisbon", "Atlantic/Canary")),
            Map.entry("WEST", List.of("Europe/Lisbon", "Atlantic/Canary")),
            Map.entry("CET", List.of("Europe/Paris", "Europe/Berlin", "Europe/Rome", "Europe/Madrid", "Europe/Warsaw")),
            Map.entry("MET", List.of("Europe/Paris", "Europe/Berlin", "Europe/Rome", "Europe/Madrid", "Europe/Warsaw")),
            Map.entry(
                    "CEST", List.of("Europe/Paris", "Europe/Berlin", "Europe/Rome", "Europe/Madrid", "Europe/Warsaw")),
            Map.entry(
                    "EET",
                    List.of("Europe/Athens", "Europe/Bucharest", "Europe/Helsinki", "Europe/Kyiv", "Africa/Cairo")),
            Map.entry("EEST", List.of("Europe/Athens", "Europe/Bucharest", "Europe/Helsinki", "Europe/Kyiv")),
            Map.entry("MSK", List.of("Europe/Moscow")),
            Map.entry("TRT", List.of("Europe/Istanbul")),
            Map.entry("GST", List.of("Asia/Dubai")),
            Map.entry("AZT", List.of("Asia/Baku")),
            Map.entry("PKT", List.of("Asia/Karachi")),
            Map.entry("NPT", List.of("Asia/Kathmandu")),
            Map.entry("ICT", List.of("Asia/Bangkok", "Asia/Ho_Chi_Minh")),
            Map.entry("WIB", List.of("Asia/Jakarta")),
            Map.entry("SGT", List.of("Asia/Singapore")),
            Map.entry("HKT", List.of("Asia/Hong_Kong")),
            Map.entry("PHT", List.of("Asia/Manila")),
            Map.entry("JST", List.of("Asia/Tokyo")),
            Map.entry("KST", List.of("Asia/Seoul")),
            Map.entry("AWST", List.of("Australia/Perth")),
            Map.entry("ACST", List.of("Australia/Adelaide", "Australia/Darwin")),
            Map.entry("ACDT", List.of("Australia/Adelaide")),
            Map.entry("AEST", List.of("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane")),
            Map.entry("AEDT", List.of("Australia/Sydney", "Australia/Melbourne")),
            Map.entry("NZST", List.of("Pacific/Auckland")),
            Map.entry("NZDT", List.of("Pacific/Auckland")),
            Map.entry("WAT", List.of("Africa/Lagos")),
            Map.entry("CAT", List.of("Africa/Maputo", "Africa/Harare")),
            Map.entry("EAT", List.of("Africa/Nairobi", "Africa/Addis_Ababa")),
            Map.entry("SAST", List.of("Africa/Johannesburg")));

    /** Capital letters only, as abbreviations are written ({@code EST}, {@code AEST}). */
    private static final Pattern ABBREVIATION = Pattern.compile("^[A-Z]{2,5}$");

    /** {@code Etc/GMT+4} after a URL query decoded its {@code +} to a space. */
    private static final Pattern ETC_GMT_DECODED = Pattern.compile("^ETC/GMT\\s+(\\d{1,2})$");

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
        return ianaId(text);
    }

    /**
     * The IANA zone {@code input} names, in any letter case, with {@code Etc/GMT 4} read as {@code Etc/GMT+4} (a URL
     * query decodes {@code +} to a space); empty for anything else, offsets included.
     */
    static Optional<ZoneId> ianaId(String input) {
        if (input == null || input.isBlank() || input.length() > 64) {
            return Optional.empty();
        }
        String upper = input.strip().toUpperCase(Locale.ROOT);
        Matcher etc = ETC_GMT_DECODED.matcher(upper);
        if (etc.matches()) {
            upper = "ETC/GMT+" + etc.group(1);
        }
        String id = IDS_BY_UPPER_CASE.get(upper);
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
        int direction = sign == '-' || sign == '\u2212' ? -1 : 1;
        int total = direction * (h * 60 + m);
        if (m > 59 || !OFFSET_MINUTES.contains(m) || total < MIN_OFFSET_MINUTES || total > MAX_OFFSET_MINUTES) {
            return Optional.empty();
        }
        return Optional.of(ZoneOffset.ofTotalSeconds(total * 60));
    }

    /** Whether {@code input} is written as an offset ({@code UTC+15}, {@code +14:01}), whatever its value. */
    static boolean looksLikeOffset(String input) {
        if (input == null || input.length() > 64) {
            return false;
        }
        return DECODED_PLUS.matcher(input).matches()
                || OFFSET.matcher(input.strip().toUpperCase(Locale.ROOT)).matches();
    }

    /** The 400 problem for a zone that is not understood, listing the forms a viewer may use. */
    public static DomainException unknown(String input) {
        return unknown(input, ACCEPTED_FORMS, true);
    }

    /** The same problem for an event's zone, which must be a region: it lists the region forms and offers no offset. */
    static DomainException unknownRegion(String input) {
        return unknown(input, REGION_FORMS, false);
    }

    /**
     * The 400 problem {@code timezone.unknown} for {@code input}: why it was not understood when that can be said
     * (an offset no zone uses, an ambiguous abbreviation, an {@code Etc/GMT} id that does not exist), the
     * {@code accepted} forms and close {@code suggestions}.
     */
    private static DomainException unknown(String input, List<String> accepted, boolean offsetsAllowed) {
        String given = input == null ? "" : input;
        List<String> suggestions = suggestions(given);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("input", given);
        details.put("accepted", accepted);
        details.put("suggestions", suggestions);
        String hint = suggestions.isEmpty() ? "" : " Did you mean " + String.join(", ", suggestions) + "?";
        return new DomainException(
                400,
                "timezone.unknown",
                "Unknown time zone '" + given + "'. " + reason(given, offsetsAllowed) + hint,
                details);
    }

    /** Why {@code input} is refused, in one or two sentences a person can act on. */
    private static String reason(String input, boolean offsetsAllowed) {
        String text = input.strip();
        String upper = text.toUpperCase(Locale.ROOT);
        String use = offsetsAllowed
                ? "use an IANA id such as Asia/Baku or an offset such as GMT+4 or +05:30"
                : "use an IANA region id such as Asia/Baku or Europe/London";
        if (looksLikeOffset(input)) {
            return "No zone uses that offset: offsets run from -12:00 to +14:00, on the hour or at :30 or :45 past"
                    + " (+05:30, +05:45)" + (offsetsAllowed ? "." : "; and an event's zone must be a region anyway.");
        }
        if (upper.startsWith("ETC/GMT")) {
            return "The IANA ids Etc/GMT-14 to Etc/GMT+12 exist, with POSIX signs reversed (Etc/GMT+4 is UTC-4); in a"
                    + " URL write + as %2B. For four hours ahead of UTC "
                    + (offsetsAllowed ? "use GMT+4 or Asia/Baku." : "use a region such as Asia/Baku.");
        }
        if (ABBREVIATIONS.containsKey(upper)
                || ABBREVIATION.matcher(text).matches() && citiesNamed(text).isEmpty()) {
            List<String> meanings = ABBREVIATIONS.getOrDefault(upper, List.of());
            return "Time zone abbreviations are ambiguous and not accepted"
                    + (meanings.size() > 1 ? " ('" + upper + "' may mean " + String.join(", ", meanings) + ")" : "")
                    + "; " + use + ".";
        }
        return Character.toUpperCase(use.charAt(0)) + use.substring(1) + ".";
    }

    /**
     * Close matches for a zone that is not understood: the zones a known abbreviation may mean ({@code IST} ->
     * {@code Asia/Kolkata, Europe/Dublin, Asia/Jerusalem}); none for an offset or an {@code Etc/GMT} id; IANA ids whose
     * city is the input ({@code baku} -> {@code Asia/Baku}, {@code new york} -> {@code America/New_York}), then, unless
     * the input is written like an abbreviation, ids and cities within a small edit distance. At most five, best first.
     */
    public static List<String> suggestions(String input) {
        if (input == null || input.isBlank() || input.length() > 64) {
            return List.of();
        }
        String text = input.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> meanings = ABBREVIATIONS.get(text.toUpperCase(Locale.ROOT));
        if (meanings != null) {
            return meanings;
        }
        if (looksLikeOffset(text) || lower.startsWith("etc/gmt")) {
            return List.of(); // the reason says which offsets exist; a region with a similar name would mislead
        }
        List<String> cities = citiesNamed(text);
        if (ABBREVIATION.matcher(text).matches()) {
            return cities; // an unknown abbreviation: a city of that name, never a look-alike (EST is not Brazil/West)
        }
        String city = cityKey(text.contains("/") ? text.substring(text.lastIndexOf('/') + 1) : text);
        Set<String> result = new LinkedHashSet<>(cities);
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

    /** The IANA ids whose city is {@code text} ({@code baku} -> {@code Asia/Baku}). */
    private static List<String> citiesNamed(String text) {
        String city = cityKey(text.contains("/") ? text.substring(text.lastIndexOf('/') + 1) : text);
        return IDS_BY_CITY.getOrDefault(city, List.of());
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
