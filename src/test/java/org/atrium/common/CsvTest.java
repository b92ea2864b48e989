package org.atrium.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one CSV writer: exact output, written by hand (RFC 4180 and OWASP's CSV injection advice are the oracle). */
class CsvTest {

    @Test
    void everyCellStartingWithAFormulaCharacterGetsAnApostrophe() {
        assertEquals("'=1+2", Csv.defuse("=1+2"));
        assertEquals("'+1", Csv.defuse("+1"));
        assertEquals("'-1", Csv.defuse("-1"));
        assertEquals("'@SUM(A1)", Csv.defuse("@SUM(A1)"));
        assertEquals("'\t=1", Csv.defuse("\t=1"));
        assertEquals("'\r=1", Csv.defuse("\r=1"));
        assertEquals("a=1", Csv.defuse("a=1"));
        assertEquals(" =1", Csv.defuse(" =1"));
        assertEquals("", Csv.defuse(""));
    }

    @Test
    void fieldsAreQuotedWhenTheyNeedItWithCrlfLineEndsAndAnOptionalBom() {
        String csv = Csv.write(
                List.of("a", "b", "c"),
                List.of(
                        Arrays.asList("plain", null, 7),
                        List.of("a,b", "say \"hi\"", "two\nlines"),
                        List.of("=HYPERLINK(\"x\")", "\r=1", "Ирина 🌍 Əliyev"),
                        List.of("\t@x", "-", "+")),
                false);
        assertEquals(
                "a,b,c\r\n"
                        + "plain,,7\r\n"
                        + "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
                        + "\"'=HYPERLINK(\"\"x\"\")\",\"'\r=1\",Ирина 🌍 Əliyev\r\n"
                        + "'\t@x,'-,'+\r\n",
                csv);
        assertEquals("\uFEFFa\r\n", Csv.write(List.of("a"), List.of(), true));
    }
}
