package org.atrium.agenda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A gallery's opening can be a session on the programme: the gallery names it ({@code openingSessionId}), the
 * gallery's view shows it, and the feeds link the session to the gallery (a {@code related} link in schedule.xml and
 * schedule.json, still valid against the voc/schedule schemas; a line in the iCal description). A draft gallery is
 * never linked, a session of another event is refused, and a cancelled opening is shown as such.
 */
@QuarkusTest
class GalleryOpeningFeedsTest {

    @Inject
    Fixtures fixtures;

    static Map<String, Object> gallery(String name, String visibility, Long openingSessionId) {
        Map<String, Object> form = new java.util.HashMap<>();
        form.put("name", name);
        form.put("visibility", visibility);
        form.put("hours", List.of(Map.of("opens", "2027-05-12T10:00", "closes", "2027-05-12T18:00")));
        form.put("openingSessionId", openingSessionId);
        return form;
    }

    @Test
    void aSessionThatOpensAGalleryLinksToItInTheFeeds() throws Exception {
        Event event = fixtures.publishedEvent();
        Venue venue = fixtures.room(event, "Main Stage", 100);
        ConferenceSession opening = fixtures.session(
                event,
                venue,
                "Opening of the exhibition",
                Instant.parse("2027-05-12T10:00:00Z"),
                Instant.parse("2027-05-12T11:00:00Z"));
        Event other = fixtures.publishedEvent();
        ConferenceSession elsewhere = fixtures.session(
                other,
                fixtures.room(other, "Hall", 10),
                "Elsewhere",
                Instant.parse("2027-05-12T10:00:00Z"),
                Instant.parse("2027-05-12T11:00:00Z"));
        String base = "/api/events/" + event.slug;
        // read once before the link exists: the kept renderings must be dropped when it is made
        given().get(base + "/schedule.xml").then().statusCode(200).body(not(containsString("Gallery:")));

        // another event's session is not this event's to link
        RecordingFeedsTest.send("POST", "organiser", base + "/galleries", gallery("Hall", "PUBLISHED", elsewhere.id))
                .statusCode(404)
                .body("code", equalTo("session.not-found"));
        // a draft gallery is not linked from the programme
        long draft = RecordingFeedsTest.send(
                        "POST", "organiser", base + "/galleries", gallery("Storage", "DRAFT", opening.id))
                .statusCode(201)
                .body("openingSession.title", equalTo("Opening of the exhibition"))
                .extract()
                .jsonPath()
                .getLong("id");
        given().get(base + "/schedule.xml").then().statusCode(200).body(not(containsString("Storage")));

        long hall = RecordingFeedsTest.send(
                        "POST", "organiser", base + "/galleries", gallery("Main hall", "PUBLISHED", opening.id))
                .statusCode(201)
                .body("openingSession.id", equalTo(opening.id.intValue()))
                .extract()
                .jsonPath()
                .getLong("id");
        String galleryUrl = "/events/" + event.slug + "/galleries/" + hall;
        given().get(base + "/exhibition")
                .then()
                .statusCode(200)
                .body(
                        "galleries.find { it.id == " + hall + " }.openingSession.title",
                        equalTo("Opening of the exhibition"));
        String xml = given().get(base + "/schedule.xml")
                .then()
                .statusCode(200)
                .body(containsString(galleryUrl + "\" type=\"related\">Gallery: Main hall</link>"))
                .extract()
                .asString();
        String json = given().get(base + "/schedule.json")
                .then()
                .statusCode(200)
                .body("schedule.conference.days[0].rooms['Main Stage'][0].links", hasSize(1))
                .body("schedule.conference.days[0].rooms['Main Stage'][0].links[0].type", equalTo("related"))
                .body(
                        "schedule.conference.days[0].rooms['Main Stage'][0].links[0].title",
                        equalTo("Gallery: Main hall"))
                .extract()
                .asString();
        ScheduleSchemas.assertValidXml(xml);
        ScheduleSchemas.assertValidJson(json);
        given().get(base + "/calendar.ics").then().statusCode(200).body(containsString("Gallery: Main hall"));

        // the session cancelled (it stays on the programme, marked so): the gallery says so
        RecordingFeedsTest.send("DELETE", "organiser", base + "/sessions/" + opening.id, null)
                .statusCode(200);
        given().get(base + "/galleries/" + hall)
                .then()
                .statusCode(200)
                .body("gallery.openingSession.cancelled", equalTo(true));
        RecordingFeedsTest.send("DELETE", "organiser", base + "/galleries/" + draft, null)
                .statusCode(204);
    }
}
