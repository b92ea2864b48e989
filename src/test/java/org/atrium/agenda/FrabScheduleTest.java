package org.atrium.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class FrabScheduleTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String BASE = "https://atrium.example.org";

    static Slot slot(long id, String title, Long roomId, String room, String start, String end, boolean cancelled) {
        return new Slot(
                id,
                "dst-conf",
                LONDON,
                title,
                "Abstract of " + title,
                "WORKSHOP",
                "en",
                roomId,
                room,
                roomId == null ? null : "Main",
                "#00ff00",
                Instant.parse(start),
                Instant.parse(end),
                cancelled,
                0,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"),
                List.of(
                        new Slot.Person(11, "Ayşə Məmmədova", "SPEAKER"),
                        new Slot.Person(12, "Noël Ørsted", "SPEAKER")));
    }

    /** A two-day London event over the end of summer time (2027-10-31 02:00 BST -> 01:00 GMT). */
    static FrabSchedule.Model model() {
        return FrabSchedule.build(
                new FrabSchedule.Conference(
                        "dst-conf",
                        "Saat dəyişir: Часы & Genève",
                        null,
                        LONDON,
                        LocalDate.of(2027, 10, 30),
                        LocalDate.of(2027, 10, 31)),
                List.of(
                        slot(1, "Opening", 5L, "Hall A", "2027-10-30T08:00:00Z", "2027-10-30T09:00:00Z", false),
                        // 00:30 BST to 02:30 GMT: three hours
                        slot(
                                2,
                                "Night shift: Gecə növbəsi — Ночная смена",
                                5L,
                                "Hall A",
                                "2027-10-30T23:30:00Z",
                                "2027-10-31T02:30:00Z",
                                false),
                        slot(3, "Unplaced", null, null, "2027-10-31T10:00:00Z", "2027-10-31T10:45:00Z", false),
                        slot(4, "Cancelled one", 6L, "Hall B", "2027-10-31T11:00:00Z", "2027-10-31T12:00:00Z", true)),
                BASE);
    }

    @Test
    void daysSplitAtTheEventsMidnightWithDstCorrectTimes() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(FrabSchedule.json(model()));
        JsonNode conference = json.at("/schedule/conference");
        assertEquals("dst_conf", conference.get("acronym").asText());
        assertEquals("Europe/London", conference.get("time_zone_name").asText());
        assertEquals(2, conference.get("daysCount").asInt());
        JsonNode day1 = conference.at("/days/0");
        assertEquals("2027-10-30", day1.get("date").asText());
        assertEquals("2027-10-30T00:00:00+01:00", day1.get("day_start").asText());
        assertEquals("2027-10-31T00:00:00+01:00", day1.get("day_end").asText());
        assertEquals(List.of("Opening"), titles(day1));
        JsonNode day2 = conference.at("/days/1");
        assertEquals("2027-10-31T00:00:00+01:00", day2.get("day_start").asText());
        assertEquals("2027-11-01T00:00:00+00:00", day2.get("day_end").asText());
        JsonNode night = day2.at("/rooms/Hall A/0");
        assertEquals("00:30", night.get("start").asText());
        assertEquals("03:00", night.get("duration").asText());
        assertEquals("2027-10-31T00:30:00+01:00", night.get("date").asText());
        assertEquals("2027-10-31T02:30:00+00:00", night.get("end").asText());
        assertEquals(
                UUID.nameUUIDFromBytes("session-2@dst-conf.atrium".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                night.get("guid").asText());
        assertEquals(
                "dst_conf-2-night-shift-gece-novbesi-nochnaya-smena",
                night.get("slug").asText());
        assertEquals(
                "https://atrium.example.org/events/dst-conf/sessions/2",
                night.get("url").asText());
        assertEquals("Ayşə Məmmədova", night.at("/persons/0/name").asText());
        JsonNode unplaced = day2.at("/rooms/Programme/0");
        assertEquals("10:00", unplaced.get("start").asText());
        assertEquals("00:45", unplaced.get("duration").asText());
        assertFalse(json.toString().contains("Cancelled one"), "cancelled sessions are not in frab exports");
    }

    @Test
    void xmlAndJsonValidateAgainstTheVocSchemas() throws Exception {
        FrabSchedule.Model model = model();
        ScheduleSchemas.assertValidXml(FrabSchedule.xml(model));
        ScheduleSchemas.assertValidJson(new ObjectMapper().writeValueAsString(FrabSchedule.json(model)));
    }

    @Test
    void theValidatorsDoRejectBrokenExports() throws Exception {
        // outside assertThrows, so that missing schemas skip (or fail under CI) for that reason
        ScheduleSchemas.require("schedule.xml.xsd");
        ScheduleSchemas.require("schedule.schema.json");
        String xml = FrabSchedule.xml(model());
        assertThrows(SAXException.class, () -> ScheduleSchemas.assertValidXml(xml.replace("<start>00:30</start>", "")));
        assertThrows(
                SAXException.class,
                () -> ScheduleSchemas.assertValidXml(
                        xml.replace("<duration>03:00</duration>", "<duration>3h</duration>")));
        String json = new ObjectMapper().writeValueAsString(FrabSchedule.json(model()));
        assertFalse(ScheduleSchemas.jsonErrors(json.replace("\"guid\":\"", "\"guid\":\"x"))
                .isEmpty());
        assertFalse(ScheduleSchemas.jsonErrors(json.replace("\"acronym\":\"dst_conf\"", "\"acronym\":\"dst-conf\""))
                .isEmpty());
    }

    @Test
    void slugsAreAsciiInAnyScript() {
        assertEquals("gece-novbesi-ochnaya", FrabSchedule.titleSlug("Gecə növbəsi — очная"));
        assertEquals("l-ete-a-geneve", FrabSchedule.titleSlug("L'été à Genève"));
        assertEquals("session", FrabSchedule.titleSlug("日本"));
        assertEquals("ab__", FrabSchedule.acronymOf("ab"));
    }

    private static List<String> titles(JsonNode day) {
        List<String> titles = new java.util.ArrayList<>();
        day.get("rooms")
                .forEach(room -> room.forEach(e -> titles.add(e.get("title").asText())));
        return titles;
    }
}
