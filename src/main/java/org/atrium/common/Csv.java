package org.atrium.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every CSV the server writes, through one writer and one guard. The format is RFC 4180 (Apache Commons CSV):
 * comma separated, CRLF line ends, a header row, a field quoted when it needs it (a comma, a quote, CR or LF, or
 * characters that some readers trip on), quotes doubled inside. Text is UTF-8, optionally preceded by a byte order
 * mark: without it, Excel (what most organisers open an export with) reads UTF-8 as the local ANSI code page and turns
 * "Əliyev", "Ирина" or "Françoise" into mojibake; LibreOffice, Google Sheets, Python's {@code utf-8-sig} and most CSV
 * libraries skip the mark.
 *
 * <p>Every cell that starts with {@code = + - @}, tab or CR gets a leading apostrophe so a spreadsheet shows it as
 * text instead of running it as a formula (OWASP "CSV injection"); everything else is written exactly as given.
 */
public final class Csv {

    public static final String BOM = "\uFEFF";

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private Csv() {}

    /**
     * The header and the rows as one CSV text. A cell is written as {@link String#valueOf(Object)} of its value
     * ({@code null} as an empty field), defused by {@link #defuse(String)}.
     */
    public static String write(List<String> header, List<? extends List<?>> rows, boolean bom) {
        StringBuilder out = new StringBuilder(bom ? BOM : "");
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header.stream().map(Csv::defuse));
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(v -> v == null ? "" : defuse(String.valueOf(v))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /** The cell as a spreadsheet will show it as text: a leading {@code = + - @}, tab or CR gets an apostrophe. */
    public static String defuse(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
