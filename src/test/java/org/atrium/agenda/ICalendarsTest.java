package org.atrium.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.ParseWarning;
import biweekly.io.text.ICalReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class ICalendarsTest {

    static final String BASE = "https://atrium.example.org";
    static final String AZ = "Azərbaycanda minatəmizləmə: şəhərlər, ğ, ç, ı, ö, ü — Bakı";
    static final String RU = "Разминирование гуманитарных территорий: опыт и уроки; итоги";
    static final String FR = "Déminage humanitaire, Genève: l'été où tout a changé\\ enfin";

    static Slot slot(long id, String title, String summary, Instant start, Instant end, boolean cancelled, int rev) {
        return new Slot(
                id,
                "mine-2027",
                ZoneId.of("Asia/Baku"),
                title,
                summary,
                "TALK",
                "az",
                7L,
                "Zal Ə",
                "Təhlükəsizlik",
                "#ff0000",
                start,
                end,
                cancelled,
                rev,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-03T04:05:06Z"),
                List.of(
                        new Slot.Person(3, "Şəhla Əliyeva", "SPEAKER"),
                        new Slot.Person(4, "Жан-Поль Дюбуа", "MODERATOR")));
    }

    static String write(Slot... slots) {
        return ICalendars.write(
                new ICalendars.Feed("Mine Action Forum", "Bakı, 2027", ZoneId.of("Asia/Baku")), List.of(slots), BASE);
    }

    @Test
    void structureTimesAndStableFields() {
        String ics = write(slot(
                42,
                "Opening",
                "Welcome",
                Instant.parse("2027-05-12T05:00:00Z"),
                Instant.parse("2027-05-12T06:00:00Z"),
                false,
                3));
        List<String> lines = unfold(ics);
        assertEquals("BEGIN:VCALENDAR", lines.get(0));
        assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
        assertTrue(lines.contains("VERSION:2.0"), ics);
        assertTrue(lines.contains("PRODID:-//Atrium//Atrium conference schedule//EN"), ics);
        assertTrue(lines.contains("X-WR-TIMEZONE:Asia/Baku"), ics);
        assertTrue(lines.contains("UID:session-42@mine-2027.atrium"), ics);
        assertTrue(lines.contains("SEQUENCE:3"), ics);
        assertTrue(lines.contains("DTSTART:20270512T050000Z"), ics);
        assertTrue(lines.contains("DTEND:20270512T060000Z"), ics);
        assertTrue(lines.contains("DTSTAMP:20260203T040506Z"), ics);
        assertTrue(lines.contains("STATUS:CONFIRMED"), ics);
        assertTrue(lines.contains("URL:https://atrium.example.org/events/mine-2027/sessions/42"), ics);
        assertTrue(lines.contains("LOCATION:Zal Ə"), ics);
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("BEGIN:VTIMEZONE")), "UTC times need no VTIMEZONE");
        // every line ends with CRLF, no bare LF
        assertEquals(ics.split("\n", -1).length, ics.split("\r\n", -1).length);
        // the same data gives the same bytes (stable for caches and ETags)
        assertEquals(
                ics,
                write(slot(
                        42,
                        "Opening",
                        "Welcome",
                        Instant.parse("2027-05-12T05:00:00Z"),
                        Instant.parse("2027-05-12T06:00:00Z"),
                        false,
                        3)));
    }

    @Test
    void cancelledSessionsStayWithStatusCancelled() {
        String ics = write(slot(
                5,
                "Gone",
                null,
                Instant.parse("2027-05-12T05:00:00Z"),
                Instant.parse("2027-05-12T06:00:00Z"),
                true,
                1));
        assertTrue(unfold(ics).contains("STATUS:CANCELLED"), ics);
        assertTrue(unfold(ics).contains("SEQUENCE:1"), ics);
    }

    @Test
    void longLinesInAnyScriptAreFoldedAt75OctetsWithoutSplittingCharacters() throws Exception {
        String summary = (AZ + " " + RU + " " + FR + " ").repeat(3);
        String ics = write(slot(
                1,
                AZ + " / " + RU,
                summary,
                Instant.parse("2027-05-12T05:00:00Z"),
                Instant.parse("2027-05-12T06:00:00Z"),
                false,
                0));
        byte[] bytes = ics.getBytes(StandardCharsets.UTF_8);
        int folded = 0;
        for (byte[] line : split(bytes)) {
            assertTrue(
                    line.length <= 75,
                    "line of " + line.length + " octets: " + new String(line, StandardCharsets.UTF_8));
            // each physical line on its own is valid UTF-8: no sequence was cut in two
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line));
            if (line.length > 0 && line[0] == ' ') {
                folded++;
            }
        }
        assertTrue(folded > 10, "folded lines: " + folded);
    }

    @Test
    void foldingCountsOctets() {
        String line = "SUMMARY:" + "ə".repeat(40);
        String folded = ICalendars.fold(line + "\r\n");
        String[] parts = folded.split("\r\n");
        // 8 ASCII octets + 33 two-octet letters = 74 octets; the 34th would make 76
        assertEquals("SUMMARY:" + "ə".repeat(33), parts[0]);
        assertEquals(" " + "ə".repeat(7), parts[1]);
        assertEquals(line, folded.replace("\r\n ", "").strip());
        assertEquals("A:" + "x".repeat(73) + "\r\n", ICalendars.fold("A:" + "x".repeat(73) + "\r\n"));
        assertEquals("A:" + "x".repeat(73) + "\r\n x\r\n", ICalendars.fold("A:" + "x".repeat(74) + "\r\n"));
        // a four-octet character is never split either
        String emoji = ICalendars.fold("X:" + "\uD83C\uDF89".repeat(30) + "\r\n");
        for (String part : emoji.split("\r\n")) {
            assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= 75);
            assertEquals(
                    part.length(), part.codePoints().map(Character::charCount).sum());
        }
    }

    @Test
    void textIsEscapedAndRoundTripsThroughTheLibrary() {
        String summary = FR + "\nLine two; with, commas";
        Slot s = slot(
                9, AZ, summary, Instant.parse("2027-10-30T23:30:00Z"), Instant.parse("2027-10-31T02:30:00Z"), false, 2);
        String ics = write(s);
        String raw = String.join("", unfold(ics));
        assertTrue(raw.contains("Genève: l'été où tout a changé\\\\ enfin\\nLine two\\; with\\, commas"), raw);

        ICalReader reader = new ICalReader(new StringReader(ics));
        ICalendar parsed;
        List<ParseWarning> warnings;
        try (reader) {
            parsed = reader.readNext();
            warnings = new ArrayList<>(reader.getWarnings());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), warnings);
        assertEquals(List.of(), parsed.validate(biweekly.ICalVersion.V2_0).getWarnings());
        VEvent event = parsed.getEvents().get(0);
        assertEquals(AZ, event.getSummary().getValue());
        assertTrue(
                event.getDescription().getValue().startsWith(summary + "\n\n"),
                event.getDescription().getValue());
        assertTrue(event.getDescription().getValue().contains("Speakers: Şəhla Əliyeva, Жан-Поль Дюбуа"));
        assertTrue(
                event.getDescription().getValue().contains("Event time: Sun 31 Oct 2027 03:30-06:30 (Asia/Baku)"),
                event.getDescription().getValue());
        assertEquals(Date.from(s.start()), event.getDateStart().getValue());
        assertEquals(Date.from(s.end()), event.getDateEnd().getValue());
        assertEquals(List.of("Təhlükəsizlik"), event.getCategories().get(0).getValues());
        assertEquals("session-9@mine-2027.atrium", event.getUid().getValue());
        assertEquals(2, event.getSequence().getValue());
        assertEquals(1, Biweekly.parse(ics).all().size());
    }

    static List<String> unfold(String ics) {
        return Arrays.asList(ics.replace("\r\n ", "").split("\r\n"));
    }

    private static List<byte[]> split(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 2;
                i++;
            }
        }
        return lines;
    }
}
