package org.atrium.timezone;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRulesException;
import org.atrium.common.DomainException;

/** Parsing of the zone ids organisers store on events. Viewer-zone forms (GMT+4 ...) are handled by ViewerZones. */
public final class Zones {

    private Zones() {}

    /**
     * An IANA region id such as {@code Asia/Baku}. Events need a region (not a bare offset) so that daylight-saving
     * rules apply to their local times.
     */
    public static ZoneId eventZone(String id) {
        if (id == null || id.isBlank()) {
            throw DomainException.invalid("timezone.required", "A time zone (IANA id such as Asia/Baku) is required.");
        }
        try {
            ZoneId zone = ZoneId.of(id.trim());
            if (!id.contains("/") && !id.equals("UTC")) {
                throw new DomainException(
                        400,
                        "timezone.not-a-region",
                        "An event's time zone must be an IANA region id such as Asia/Baku or Europe/London, not '" + id
                                + "'.");
            }
            return zone;
        } catch (ZoneRulesException e) {
            throw new DomainException(400, "timezone.unknown", "Unknown time zone '" + id + "'.");
        } catch (DateTimeException e) {
            throw new DomainException(400, "timezone.unknown", "Unknown time zone '" + id + "'.");
        }
    }
}
