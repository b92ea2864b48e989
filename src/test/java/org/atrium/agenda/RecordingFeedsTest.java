package org.atrium.agenda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A session's recording (set on the stage, src/docs/stage.md) appears in the feeds: frab {@code <recording>} and a
 * {@code media} link in schedule.xml and schedule.json, still valid against the voc/schedule schemas, and the iCal
 * URL; removed, it is gone from them.
 */
@QuarkusTest
class RecordingFeedsTest {

    @Inject
    Fixtures fixtures;

    static io.restassured.response.ValidatableResponse send(String method, String user, String path, Object body) {
        var request = given().contentType(ContentType.JSON).header("Authorization", Tokens.bearer(user));
        if (body != null) {
            request = request.body(body);
        }
        return request.request(method, path).then();
    }

    static Map<String, Object> url(String url) {
        return Map.of("url", url);
    }

    @Test
    void aRecordingIsInTheFeedsAndTheyStayValid() throws Exception {
        Event event = fixtures.publishedEvent();
        Venue venue = fixtures.room(event, "Main Stage", 100);
        ConferenceSession session = fixtures.session(
                event, venue, "Opening", Instant.parse("2027-05-12T10:00:00Z"), Instant.parse("2027-05-12T11:00:00Z"));
        String base = "/api/events/" + event.slug;
        send("PUT", "organiser", base + "/sessions/" + session.id + "/recording", url("https://vimeo.com/76979871"))
                .statusCode(200)
                .body("provider", equalTo("VIMEO"));
        String xml = given().get(base + "/schedule.xml")
                .then()
                .statusCode(200)
                .body(containsString("<link>https://vimeo.com/76979871</link>"))
                .body(containsString("<link href=\"https://vimeo.com/76979871\" type=\"media\">Recording</link>"))
                .extract()
                .asString();
        String json = given().get(base + "/schedule.json")
                .then()
                .statusCode(200)
                .body(
                        "schedule.conference.days[0].rooms['Main Stage'][0].links[0].url",
                        equalTo("https://vimeo.com/76979871"))
                .extract()
                .asString();
        given().get(base + "/calendar.ics")
                .then()
                .statusCode(200)
                .body(containsString("URL:https://vimeo.com/76979871"));
        // removed: gone from the feeds (the kept renderings are dropped)
        send("DELETE", "organiser", base + "/sessions/" + session.id + "/recording", null)
                .statusCode(204);
        given().get(base + "/calendar.ics")
                .then()
                .body(not(containsString("vimeo")))
                .body(containsString("URL:"));
        ScheduleSchemas.assertValidXml(xml);
        ScheduleSchemas.assertValidJson(json);
    }
}
