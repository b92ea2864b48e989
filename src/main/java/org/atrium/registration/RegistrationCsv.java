package org.atrium.registration;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.atrium.common.Csv;

/**
 * Registrations as CSV, written by {@link Csv} (RFC 4180, formula cells defused), by default with a byte order mark
 * so Excel reads the UTF-8 names right; scripts that want none ask with {@code bom=false}.
 */
final class RegistrationCsv {

    static final List<String> HEADER = List.of(
            "id",
            "state",
            "waitlist_position",
            "display_name",
            "email",
            "affiliation",
            "country",
            "time_zone",
            "notes",
            "registered_at",
            "updated_at");

    private RegistrationCsv() {}

    static String write(
            List<Registration> registrations, Map<Long, Integer> waitlistPositions, ZoneId zone, boolean bom) {
        DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        List<List<Object>> rows = new ArrayList<>();
        for (Registration r : registrations) {
            rows.add(Arrays.asList(
                    r.id,
                    r.state.name(),
                    waitlistPositions.get(r.id),
                    r.displayName,
                    r.email,
                    r.affiliation,
                    r.country,
                    r.timeZone,
                    r.notes,
                    time.format(r.createdAt),
                    time.format(r.updatedAt)));
        }
        return Csv.write(HEADER, rows, bom);
    }
}
