package org.atrium.agenda;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScheduleExportResourceTest {

    @Inject
    Fixtures fixtures;

    /** {@code -Datrium.export.dir=DIR} keeps the exports, e.g. to run {@code xmllint --schema} on them by hand. */
    private static void keepForManualChecks(String xml, String json) throws java.io.IOException {
        String dir = System.getProperty("atrium.export.dir");
        if (dir != null && !dir.isBlank()) {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "schedule.xml"), xml);
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "schedule.json"), json);
        }
    }

    @Test
    void frabXmlAndJsonServeTheScheduleAndValidate() throws Exception {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("frab"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), true);
        Venue hall = fixtures.room(event, "Böyük zal", 300);
        // 23:30-00:30 Baku: starts on day 1, ends on day 2
        ConferenceSession late = fixtures.session(
                event,
                hall,
                "Gecə söhbəti",
                Instant.parse("2027-05-12T19:30:00Z"),
                Instant.parse("2027-05-12T20:30:00Z"));
        ConferenceSession morning = fixtures.session(
                event, null, "Утро", Instant.parse("2027-05-13T05:00:00Z"), Instant.parse("2027-05-13T05:20:00Z"));
        fixtures.addSpeaker(late, fixtures.speaker(event, "Élodie Ağayeva", null), SessionSpeaker.Role.SPEAKER);

        String xml = given().get("/api/events/" + event.slug + "/schedule.xml")
                .then()
                .statusCode(200)
                .contentType("application/xml")
                .extract()
                .asString();
        ScheduleSchemas.assertValidXml(xml);
        XmlPath x = new XmlPath(xml);
        assertEquals("Asia/Baku", x.getString("schedule.conference.time_zone_name"));
        assertEquals(2, x.getInt("schedule.day.size()"));
        assertEquals("2027-05-12T00:00:00+04:00", x.getString("schedule.day[0].@start"));
        assertEquals("2027-05-13T00:00:00+04:00", x.getString("schedule.day[0].@end"));
        assertEquals("Böyük zal", x.getString("schedule.day[0].room[0].@name"));
        assertEquals("23:30", x.getString("schedule.day[0].room[0].event[0].start"));
        assertEquals("01:00", x.getString("schedule.day[0].room[0].event[0].duration"));
        assertEquals("2027-05-12T23:30:00+04:00", x.getString("schedule.day[0].room[0].event[0].date"));
        assertEquals("Élodie Ağayeva", x.getString("schedule.day[0].room[0].event[0].persons.person[0]"));
        assertEquals(
                FrabSchedule.uuid("session-" + late.id + "@" + event.slug + ".atrium"),
                x.getString("schedule.day[0].room[0].event[0].@guid"));
        assertEquals("Утро", x.getString("schedule.day[1].room[0].event[0].title"));
        assertEquals("09:00", x.getString("schedule.day[1].room[0].event[0].start"));
        assertEquals("00:20", x.getString("schedule.day[1].room[0].event[0].duration"));

        String json = given().get("/api/events/" + event.slug + "/schedule.json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
        ScheduleSchemas.assertValidJson(json);
        keepForManualChecks(xml, json);
        JsonPath j = new JsonPath(json);
        assertEquals("Asia/Baku", j.getString("schedule.conference.time_zone_name"));
        assertEquals(List.of("2027-05-12", "2027-05-13"), j.getList("schedule.conference.days.date"));
        assertEquals("Gecə söhbəti", j.getString("schedule.conference.days[0].rooms.'Böyük zal'[0].title"));
        assertEquals("2027-05-13T00:30:00+04:00", j.getString("schedule.conference.days[0].rooms.'Böyük zal'[0].end"));
        assertEquals(morning.id.intValue(), j.getInt("schedule.conference.days[1].rooms.Programme[0].id"));
        assertTrue(json.contains("\"generator\""));
    }
}
