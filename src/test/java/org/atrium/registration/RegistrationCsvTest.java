package org.atrium.registration;

import static io.restassured.RestAssured.given;
import static org.atrium.registration.RegistrationApi.capacity;
import static org.atrium.registration.RegistrationApi.register;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationCsvTest {

    @Inject
    Fixtures fixtures;

    record Person(String user, String name, String affiliation, String notes) {}

    static final List<Person> PEOPLE = List.of(
            new Person(
                    "csv-az", "Gülşən Əliyeva-Hüseynova", "Azərbaycan Milli Minatəmizləmə Agentliyi", "+ğ ı ö ş ü ç ə"),
            new Person("csv-ru", "Ирина Петровна Соколова", "Женевский центр, \"ГИЦГР\"", "-line one\nline two"),
            new Person(
                    "csv-fr",
                    "Françoise Lefèvre-Dupré",
                    "Handicap International; Lyon",
                    "@Œuvre, à l'écoute\r\n« merci »"),
            new Person("csv-emoji", "Zoë 🌍 O'Brien", "  spaced  ", "=HYPERLINK(\"http://evil\")"));

    @Test
    void namesInAnyScriptSurviveTheRoundTripThroughAnIndependentCsvReader() throws Exception {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 3, "AUTOMATIC");
        for (Person p : PEOPLE) {
            register(
                            event.slug,
                            p.user(),
                            new com.fasterxml.jackson.databind.ObjectMapper()
                                    .writeValueAsString(java.util.Map.of(
                                            "displayName",
                                            p.name(),
                                            "affiliation",
                                            p.affiliation(),
                                            "notes",
                                            p.notes())))
                    .statusCode(201);
        }

        ExtractableResponse<Response> response = export(event.slug, "");
        assertEquals("text/csv; charset=UTF-8; header=present", response.contentType());
        assertEquals(
                "attachment; filename=\"" + event.slug + "-registrations.csv\"",
                response.header("Content-Disposition"));
        byte[] bytes = response.asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);

        List<CSVRecord> records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords();
        assertEquals(PEOPLE.size(), records.size());
        for (int i = 0; i < PEOPLE.size(); i++) {
            Person p = PEOPLE.get(i);
            CSVRecord r = records.get(i);
            assertEquals(p.name(), r.get("display_name"));
            assertEquals(p.affiliation().trim(), r.get("affiliation"));
            // every note starts with a formula character (+ - @ =; leading blanks are stripped on input): each gets the
            // apostrophe, nothing else
            String expectedNotes = "'" + p.notes();
            assertEquals(expectedNotes, r.get("notes"));
            assertEquals(RegistrationApi.claim(p.user(), "email"), r.get("email"));
            assertEquals(i < 3 ? "CONFIRMED" : "WAITLISTED", r.get("state"));
            assertEquals(i < 3 ? "" : "1", r.get("waitlist_position"));
            assertEquals(true, r.get("registered_at").endsWith("+04:00"), r.get("registered_at"));
        }
        // RFC 4180 line ends between records
        assertEquals(true, text.startsWith(String.join(",", RegistrationCsv.HEADER) + "\r\n"));

        byte[] plain = given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations/export?bom=false&state=WAITLISTED")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String waitlisted = new String(plain, StandardCharsets.UTF_8);
        assertEquals('i', waitlisted.charAt(0));
        assertEquals(
                List.of("Zoë 🌍 O'Brien"),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(new StringReader(waitlisted))
                        .getRecords()
                        .stream()
                        .map(r -> r.get("display_name"))
                        .toList());
    }

    private static ExtractableResponse<Response> export(String slug, String query) {
        return given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + slug + "/registrations/export" + query)
                .then()
                .statusCode(200)
                .extract();
    }
}
