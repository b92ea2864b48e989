package org.atrium.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProgrammeResourceTest {

    static final ZoneId BAKU = ZoneId.of("Asia/Baku");

    @Inject
    Fixtures fixtures;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    PublicRenderings renderings;

    static Instant baku(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BAKU).toInstant();
    }

    static String path(Event event) {
        return "/api/events/" + event.slug + "/schedule";
    }

    static String etag(Event event) {
        return given().get(path(event)).then().statusCode(200).extract().header("ETag");
    }

    /** Statements the server prepared while serving one programme request. */
    long statementsFor(Event event) {
        var stats = sessionFactory.getStatistics();
        long before = stats.getPrepareStatementCount();
        given().get(path(event)).then().statusCode(200);
        return stats.getPrepareStatementCount() - before;
    }

    Event bigEvent() {
        return bigEvent(fixtures);
    }

    /** 10 rooms x 15 forty-minute slots x 2 days = 300 sessions, each with one of 50 speakers; 4 tracks. */
    static Event bigEvent(Fixtures fixtures) {
        Event event = fixtures.publishedEvent(); // Asia/Baku, 2027-05-12..13
        List<Venue> rooms = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            rooms.add(fixtures.room(event, "Room %02d".formatted(r), 100));
        }
        for (int t = 0; t < 4; t++) {
            fixtures.track(event, "Track " + t, "#00000" + t);
        }
        List<Speaker> speakers = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            speakers.add(fixtures.speaker(event, "Speaker %02d".formatted(s), null));
        }
        int n = 0;
        for (String day : List.of("2027-05-12", "2027-05-13")) {
            for (int slot = 0; slot < 15; slot++) {
                LocalDateTime start = LocalDateTime.parse(day + "T08:00").plusMinutes(40L * slot);
                for (Venue room : rooms) {
                    ConferenceSession s = fixtures.session(
                            event,
                            room,
                            "Session %03d".formatted(n),
                            start.atZone(BAKU).toInstant(),
                            start.plusMinutes(30).atZone(BAKU).toInstant());
                    fixtures.addSpeaker(s, speakers.get(n % 50), SessionSpeaker.Role.SPEAKER);
                    n++;
                }
            }
        }
        return event;
    }

    @Test
    void programmeOf300SessionsComesInOneCallGroupedByDayWithAConstantNumberOfQueries() {
        Event big = bigEvent();
        given().get(path(big))
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "public, max-age=60, must-revalidate")
                .body("event.slug", equalTo(big.slug))
                .body("event.timeZone", equalTo("Asia/Baku"))
                .body("days.date", contains("2027-05-12", "2027-05-13"))
                .body("days[0].start", equalTo("2027-05-11T20:00:00Z"))
                .body("days[0].localStart", equalTo("2027-05-12T00:00:00+04:00"))
                .body("days[0].sessions", hasSize(150))
                .body("days[1].sessions", hasSize(150))
                .body("days[0].sessions[0].title", equalTo("Session 000"))
                .body("days[0].sessions[0].localStart", equalTo("2027-05-12T08:00:00+04:00"))
                .body("days[0].sessions[0].start", equalTo("2027-05-12T04:00:00Z"))
                .body("days[0].sessions[0].speakers[0].name", equalTo("Speaker 00"))
                .body("days[1].sessions[149].title", equalTo("Session 299"))
                .body("days[1].sessions[149].localEnd", equalTo("2027-05-13T17:50:00+04:00"))
                .body("days[1].sessions[149].speakers[0].name", equalTo("Speaker 49"))
                .body("rooms", hasSize(10))
                .body("rooms.joinUrl", everyItem(nullValue()))
                .body("tracks", hasSize(4))
                .body("speakers", hasSize(50))
                .body("speakers[0].name", equalTo("Speaker 00"));

        Event small = fixtures.publishedEvent();
        Venue room = fixtures.room(small, "Only", 1);
        fixtures.track(small, "T", null);
        Speaker speaker = fixtures.speaker(small, "S", null);
        ConferenceSession s = fixtures.session(small, room, "One", baku("2027-05-12T10:00"), baku("2027-05-12T11:00"));
        fixtures.addSpeaker(s, speaker, SessionSpeaker.Role.SPEAKER);
        // the invariants, not today's numbers: rendering costs the same statements for 1 session as for 300 (no
        // query per row), and a cached rendering costs the same for both and fewer than rendering
        renderings.dropLocal();
        long smallCount = statementsFor(small);
        long bigCount = statementsFor(big);
        assertTrue(bigCount > 0, "the programme was read from the database: " + bigCount);
        assertEquals(smallCount, bigCount, "statements for 1 session vs 300");
        long smallCached = statementsFor(small);
        long bigCached = statementsFor(big);
        assertEquals(smallCached, bigCached, "statements for the cached programme, 1 session vs 300");
        assertTrue(bigCached < bigCount, "cached " + bigCached + " < rendered " + bigCount);
        // and a kept rendering is served from memory: no database round trip at all
        assertEquals(0, bigCached, "statements for a cached programme");

        String etag = etag(big);
        given().header("If-None-Match", etag)
                .get(path(big))
                .then()
                .statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", "public, max-age=60, must-revalidate")
                .body(emptyString());
    }

    @Test
    void etagIsStrongAndIfNoneMatchFollowsRfc9110() {
        Event event = fixtures.publishedEvent();
        fixtures.session(event, null, "One", baku("2027-05-12T10:00"), baku("2027-05-12T11:00"));
        String etag = etag(event);
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{43}\""), etag);
        assertEquals(etag, etag(event), "same programme, same tag");
        given().header("If-None-Match", "W/" + etag).get(path(event)).then().statusCode(304);
        given().header("If-None-Match", "\"other\", " + etag)
                .get(path(event))
                .then()
                .statusCode(304);
        given().header("If-None-Match", "*").get(path(event)).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get(path(event)).then().statusCode(200);
    }

    @Test
    void everyKindOfChangeChangesTheEtag() {
        Event event = fixtures.publishedEvent();
        Venue room = fixtures.room(event, "Main", 10);
        Track track = fixtures.track(event, "Art", "#111111");
        Speaker speaker = fixtures.speaker(event, "Ana", null);
        ConferenceSession s = fixtures.session(event, room, "Talk", baku("2027-05-12T10:00"), baku("2027-05-12T11:00"));
        fixtures.addSpeaker(s, speaker, SessionSpeaker.Role.SPEAKER);
        String auth = Tokens.bearer("organiser");
        String base = "/api/events/" + event.slug;
        List<String> tags = new ArrayList<>();
        tags.add(etag(event));

        given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Main hall\",\"version\":0}")
                .put(base + "/rooms/" + room.id)
                .then()
                .statusCode(200);
        tags.add(etag(event));
        given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Art\",\"colour\":\"#222222\",\"version\":0}")
                .put(base + "/tracks/" + track.id)
                .then()
                .statusCode(200);
        tags.add(etag(event));
        given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Ana Lima\",\"version\":0}")
                .put(base + "/speakers/" + speaker.id)
                .then()
                .statusCode(200);
        tags.add(etag(event));
        given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Ana Lima\",\"links\":[{\"url\":\"https://ana.example.org\"}],\"version\":1}")
                .put(base + "/speakers/" + speaker.id)
                .then()
                .statusCode(200);
        tags.add(etag(event));
        Speaker ben = fixtures.speaker(event, "Ben", null);
        tags.add(etag(event));
        given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Talk\",\"start\":\"2027-05-12T10:00\",\"end\":\"2027-05-12T11:00\","
                        + "\"roomId\":" + room.id + ",\"trackId\":" + track.id + ",\"speakers\":[{\"speakerId\":"
                        + speaker.id + ",\"role\":\"MODERATOR\"},{\"speakerId\":" + ben.id + "}],\"version\":0}")
                .put(base + "/sessions/" + s.id)
                .then()
                .statusCode(200);
        tags.add(etag(event));
        given().header("Authorization", auth)
                .delete(base + "/speakers/" + ben.id)
                .then()
                .statusCode(204);
        tags.add(etag(event));
        given().header("Authorization", auth)
                .delete(base + "/sessions/" + s.id)
                .then()
                .statusCode(200);
        tags.add(etag(event));
        given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"New room\"}")
                .post(base + "/rooms")
                .then()
                .statusCode(201);
        tags.add(etag(event));
        given().header("Authorization", auth).post(base + "/unpublish").then().statusCode(200);
        given().header("Authorization", auth)
                .get(path(event))
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("event.status", equalTo("DRAFT"));
        tags.add(given().header("Authorization", auth).get(path(event)).header("ETag"));

        assertEquals(tags.size(), tags.stream().distinct().count(), "every change gives a new tag: " + tags);
        given().header("If-None-Match", tags.get(0))
                .header("Authorization", auth)
                .get(path(event))
                .then()
                .statusCode(200);
        assertNotEquals(tags.get(0), tags.get(tags.size() - 1));
    }

    @Test
    void draftProgrammeIsPrivateAndHiddenFromOthers() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 14), false);
        given().get(path(draft)).then().statusCode(404).body("code", equalTo("event.not-found"));
        given().header("Authorization", Tokens.bearer("alice"))
                .get(path(draft))
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(path(draft))
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("days.date", contains("2027-05-12", "2027-05-13", "2027-05-14"))
                .body("days[0].sessions", hasSize(0));
        given().get("/api/events/no-such-event/schedule").then().statusCode(404);
    }
}
