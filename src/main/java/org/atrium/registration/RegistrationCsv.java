package org.atrium.registration;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Registrations as CSV (RFC 4180): comma separated, CRLF line ends, a header row, fields quoted when they hold a
 * comma, a quote, CR or LF, and quotes doubled inside. Text is UTF-8, by default preceded by a byte order mark:
 * without it, Excel (what most organisers open the file with) reads UTF-8 as the local ANSI code page and turns
 * "Əliyev", "Ирина" or "Françoise" into mojibake; LibreOffice, Google Sheets, Python's {@code utf-8-sig} and
 * most CSV libraries skip the mark. Scripts that want none ask with {@code bom=false}.
 *
 * <p>A cell that starts with {@code = + - @}, tab or CR gets a leading apostrophe so a spreadsheet shows it as text
 * instead of running it as a formula (OWASP "CSV injection"); everything else is written exactly as stored.
 */
final class RegistrationCsv {

    static final String BOM = "\uFEFF";
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
        StringBuilder out = new StringBuilder(bom ? BOM : "");
        line(out, HEADER);
        for (Registration r : registrations) {
            Integer position = waitlistPositions.get(r.id);
            line(
                    out,
                    java.util.Arrays.asList(
                            String.valueOf(r.id),
                            r.state.name(),
                            position == null ? "" : position.toString(),
                            r.displayName,
                            r.email,
                            r.affiliation,
                            r.country,
                            r.timeZone,
                            r.notes,
                            time.format(r.createdAt),
                            time.format(r.updatedAt)));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
