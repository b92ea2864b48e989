package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuestionExportResourceTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Test
    void speakersAndOrganisersExportJsonAndCsvOthersAreRefused() {
        LiveSocketTest helper = new LiveSocketTest();
        helper.base = base;
        helper.fixtures = fixtures;
        LiveSocketTest.Setup s = helper.room();
        try (LiveClient alice = helper.join(s, "alice");
                LiveClient spk = helper.join(s, "speaker")) {
            alice.command("{\"type\":\"question.ask\",\"ref\":\"q1\",\"text\":\"=1+1, really?\",\"anonymous\":true}");
            long id = alice.next("question.asked").at("/question/id").asLong();
            spk.next("question.asked");
            spk.command("{\"type\":\"question.reply\",\"ref\":\"r\",\"questionId\":" + id
                    + ",\"text\":\"Yes \\\"two\\\"\"}");
        }
        String url = "/api/events/" + s.event().slug + "/sessions/" + s.session().id + "/questions";
        given().header("Authorization", Tokens.bearer("speaker"))
                .get(url + ".json")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].text", equalTo("=1+1, really?"))
                .body("[0].author", nullValue())
                .body("[0].anonymous", equalTo(true))
                .body("[0].replies[0].text", equalTo("Yes \"two\""));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(url + ".json")
                .then()
                .statusCode(200)
                .body("[0].author", equalTo("Alice"));
        String csv = given().header("Authorization", Tokens.bearer("organiser"))
                .get(url + ".csv")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,asked_at,author,anonymous,state,pinned,votes,text,replies", lines[0]);
        assertEquals(2, lines.length);
        assertEquals(
                true,
                lines[1].endsWith(",Alice,true,visible,false,0,\"'=1+1, really?\",\"Sam Speaker: Yes \"\"two\"\"\""),
                lines[1]);
        given().header("Authorization", Tokens.bearer("alice"))
                .get(url + ".json")
                .then()
                .statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    /** Cells a hostile participant controls, each with what a spreadsheet must be given for it. */
    static final List<String> HOSTILE = List.of(
            "\t=cmd|' /C calc'!A0",
            "\r=1+1",
            "+SUM(A1:A9)",
            "-2+3",
            "@SUM(A1)",
            "=HYPERLINK(\"http://evil.example\")",
            "Ирина «цитата», \"quoted\"\nline two 🌍 Əliyev");

    @Test
    void csvDefusesEveryFormulaCellAndQuotesNewlinesAndUnicode() throws Exception {
        LiveSocketTest helper = new LiveSocketTest();
        helper.base = base;
        helper.fixtures = fixtures;
        LiveSocketTest.Setup s = helper.room();
        ObjectMapper json = new ObjectMapper();
        List<Long> ids = new ArrayList<>();
        try (LiveClient alice = helper.join(s, "alice");
                LiveClient spk = helper.join(s, "speaker")) {
            for (int i = 0; i < HOSTILE.size(); i++) {
                String frame =
                        json.writeValueAsString(Map.of("type", "question.ask", "ref", "h" + i, "text", HOSTILE.get(i)));
                assertEquals("ack", alice.command(frame).path("type").asText());
                ids.add(alice.next("question.asked").at("/question/id").asLong());
                spk.next("question.asked");
            }
            String reply = json.writeValueAsString(Map.of(
                    "type", "question.reply", "ref", "r", "questionId", ids.get(0), "text", "=1+1 \"no\", sorry"));
            assertEquals("ack", spk.command(reply).path("type").asText());
        }
        String url = "/api/events/" + s.event().slug + "/sessions/" + s.session().id + "/questions.csv";
        String csv = given().header("Authorization", Tokens.bearer("organiser"))
                .get(url)
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();

        // exact text for the hostile cells (an oracle independent of any CSV library)
        String[] expected = {
            "'\t=cmd|' /C calc'!A0",
            "\"'\r=1+1\"",
            "'+SUM(A1:A9)",
            "'-2+3",
            "'@SUM(A1)",
            "\"'=HYPERLINK(\"\"http://evil.example\"\")\"",
            "\"Ирина «цитата», \"\"quoted\"\"\nline two 🌍 Əliyev\""
        };
        for (int i = 0; i < expected.length; i++) {
            String text = expected[i];
            assertTrue(csv.contains(",Alice,false,visible,false,0," + text + ","), () -> text + " not in\n" + csv);
        }
        assertTrue(csv.contains(",\"Sam Speaker: =1+1 \"\"no\"\", sorry\"\r\n"), csv);

        // and a standard reader gets every value back, with only the apostrophe added
        List<CSVRecord> records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertEquals(HOSTILE.size(), records.size());
        for (int i = 0; i < HOSTILE.size(); i++) {
            CSVRecord r = records.get(i);
            assertEquals(String.valueOf(ids.get(i)), r.get("id"));
            String h = HOSTILE.get(i);
            assertEquals(i < 6 ? "'" + h : h, r.get("text"));
        }
        assertEquals("Sam Speaker: =1+1 \"no\", sorry", records.get(0).get("replies"));
    }
}
