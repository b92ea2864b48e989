package org.atrium.timezone;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.atrium.common.DomainException;

/**
 * Parsing of the zone ids organisers store on events, by the same rules as {@link ViewerZones} (IANA ids in any letter
 * case, {@code Etc/GMT 4} read as {@code Etc/GMT+4}, the same problem for what is not understood), narrowed to
 * regions.
 */
public final class Zones {

    private Zones() {}

    /**
     * An IANA region id such as {@code Asia/Baku}, in any letter case; the canonical id is returned. Events need a
     * region (not a bare offset or an abbreviation) so that daylight-saving rules apply to their local times.
     *
     * @throws DomainException 400 {@code timezone.required}, {@code timezone.not-a-region} (an offset such as
     *     {@code GMT+4}, or a JVM id without a region such as {@code CET}) or {@code timezone.unknown}
     */
    public static ZoneId eventZone(String id) {
        if (id == null || id.isBlank()) {
            throw DomainException.invalid("timezone.required", "A time zone (IANA id such as Asia/Baku) is required.");
        }
        String text = id.strip();
        Optional<ZoneId> iana = ViewerZones.ianaId(text);
        if (iana.isPresent() && isRegion(iana.get())) {
            return iana.get();
        }
        if (iana.isPresent() || ViewerZones.tryParse(text).isPresent()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("input", text);
            details.put("accepted", ViewerZones.REGION_FORMS);
            List<String> suggestions = ViewerZones.ABBREVIATIONS.getOrDefault(text.toUpperCase(Locale.ROOT), List.of());
            details.put("suggestions", suggestions);
            throw new DomainException(
                    400,
                    "timezone.not-a-region",
                    "An event's time zone must be an IANA region id such as Asia/Baku or Europe/London, not '" + text
                            + "': a region keeps its daylight-saving rules."
                            + (suggestions.isEmpty() ? "" : " Did you mean " + String.join(", ", suggestions) + "?"),
                    details);
        }
        throw ViewerZones.unknownRegion(text);
    }

    private static boolean isRegion(ZoneId zone) {
        return zone.getId().contains("/") || zone.getId().equals("UTC");
    }
}
