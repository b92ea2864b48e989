package org.atrium.agenda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedsResourceTest {

    static final String AZ = "Minalardan təmizləmə: şəhər, dağ, çay, qız";
    static final String RU = "Гуманитарное разминирование";
    static final String FR = "Déminage à Genève, été; «naïf»";

    @Inject
    Fixtures fixtures;

    @Inject
    AgendaTestData data;

    Event event;
    ConferenceSession talk;
    ConferenceSession other;

    void setUp() {
        event = fixtures.event(
                Fixtures.uniqueSlug("feed"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), true);
        Venue room = fixtures.room(event, "Zal Ə", 50);
        talk = fixtures.session(
                event, room, AZ, Instant.parse("2027-05-12T06:00:00Z"), Instant.parse("2027-05-12T07:00:00Z"));
        data.retitle(talk, AZ, RU + "\n" + FR);
        fixtures.addSpeaker(talk, fixtures.speaker(event, "Жан-Поль Дюбуа", null), SessionSpeaker.Role.SPEAKER);
        other = fixtures.session(
                event, room, FR, Instant.parse("2027-05-13T06:00:00Z"), Instant.parse("2027-05-13T07:00:00Z"));
    }

    static String feedPath(String url) {
        return URI.create(url).getPath();
    }

    @Test
    void starringBuildsAPersonalAgenda() {
        setUp();
        String star = "/api/events/" + event.slug + "/sessions/" + talk.id + "/star";
        given().put(star).then().statusCode(401);
        given().header("Authorization", Tokens.bearer("alice")).put(star).then().statusCode(204);
        given().header("Authorization", Tokens.bearer("alice")).put(star).then().statusCode(204);
        given().header("Authorization", Tokens.bearer("alice"))
                .queryParam("tz", "Europe/London")
                .get("/api/events/" + event.slug + "/agenda")
                .then()
                .statusCode(200)
                .body("starred", contains(talk.id.intValue()))
                .body("signedUp", hasSize(0))
                .body("viewerZone.id", equalTo("Europe/London"))
                .body("days", hasSize(1))
                .body("days[0].sessions[0].title", equalTo(AZ))
                .body("days[0].sessions[0].start", equalTo("2027-05-12T07:00:00+01:00"))
                .body("days[0].sessions[0].eventStart", equalTo("2027-05-12T10:00:00+04:00"));
        // bob's agenda is his own
        given().header("Authorization", Tokens.bearer("bob"))
                .get("/api/events/" + event.slug + "/agenda")
                .then()
                .statusCode(200)
                .body("starred", hasSize(0))
                .body("days", hasSize(0));
        // a session of another event is not found through this event
        Event elsewhere = fixtures.publishedEvent();
        given().header("Authorization", Tokens.bearer("alice"))
                .put("/api/events/" + elsewhere.slug + "/sessions/" + talk.id + "/star")
                .then()
                .statusCode(404)
                .body("code", equalTo("session.not-found"));
        given().header("Authorization", Tokens.bearer("alice"))
                .delete(star)
                .then()
                .statusCode(204);
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + event.slug + "/agenda")
                .then()
                .statusCode(200)
                .body("starred", hasSize(0));
    }

    @Test
    void personalFeedFollowsMovesAndCancellationsAndDiesWhenRevoked() {
        setUp();
        // frieda is used by this test only: her feed spans every event
        given().header("Authorization", Tokens.bearer("frieda"))
                .put("/api/events/" + event.slug + "/sessions/" + talk.id + "/star")
                .then()
                .statusCode(204);
        data.signUp(other, "frieda");
        given().header("Authorization", Tokens.bearer("frieda"))
                .get("/api/events/" + event.slug + "/agenda")
                .then()
                .statusCode(200)
                .body("starred", contains(talk.id.intValue()))
                .body("signedUp", contains(other.id.intValue()))
                .body("days.date", contains("2027-05-12", "2027-05-13"));
        given().post("/api/me/calendar-feed").then().statusCode(401);
        Response created = given().header("Authorization", Tokens.bearer("frieda"))
                .post("/api/me/calendar-feed")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("webcalUrl", startsWith("webcal://"))
                .extract()
                .response();
        String url = created.path("url");
        String webcal = created.path("webcalUrl");
        assertEquals(url.replaceFirst("^http://", "webcal://"), webcal);
        String token = url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
        assertEquals(43, token.length(), "256 bits in base64url");
        given().header("Authorization", Tokens.bearer("frieda"))
                .get("/api/me/calendar-feed")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("url", nullValue());

        String ics = given().get(feedPath(url))
                .then()
                .statusCode(200)
                .contentType("text/calendar")
                .extract()
                .asString();
        List<VEvent> entries = Biweekly.parse(ics).first().getEvents();
        assertEquals(
                List.of(uid(talk), uid(other)),
                entries.stream().map(e -> e.getUid().getValue()).toList(),
                "starred and signed-up sessions");
        VEvent entry = entries.get(0);
        assertEquals(0, entry.getSequence().getValue());
        assertEquals(AZ, entry.getSummary().getValue());
        assertEquals("CONFIRMED", entry.getStatus().getValue());
        assertTrue(unfolded(ics).contains("DTSTART:20270512T060000Z"), ics);
        assertTrue(entry.getUrl().getValue().endsWith("/events/" + event.slug + "/sessions/" + talk.id));

        data.move(talk, Instant.parse("2027-05-12T08:00:00Z"), Instant.parse("2027-05-12T09:30:00Z"));
        entry = byUid(
                given().get(feedPath(url)).then().statusCode(200).extract().asString(), uid(talk));
        assertEquals(1, entry.getSequence().getValue(), "SEQUENCE grows when a session moves");
        assertEquals(
                Date.from(Instant.parse("2027-05-12T08:00:00Z")),
                entry.getDateStart().getValue());
        assertEquals(
                Date.from(Instant.parse("2027-05-12T09:30:00Z")),
                entry.getDateEnd().getValue());

        data.cancel(talk);
        entry = byUid(
                given().get(feedPath(url)).then().statusCode(200).extract().asString(), uid(talk));
        assertEquals("CANCELLED", entry.getStatus().getValue(), "a cancelled session stays, marked cancelled");
        assertEquals(2, entry.getSequence().getValue());

        // an unknown token is a 404
        given().get("/api/feeds/" + "A".repeat(43) + ".ics").then().statusCode(404);

        // rotating kills the old URL
        String rotated = given().header("Authorization", Tokens.bearer("frieda"))
                .post("/api/me/calendar-feed")
                .then()
                .statusCode(201)
                .extract()
                .path("url");
        assertFalse(rotated.equals(url));
        given().get(feedPath(url)).then().statusCode(404).body("code", equalTo("feed.not-found"));
        given().get(feedPath(rotated)).then().statusCode(200);

        // revoking kills the current one
        given().header("Authorization", Tokens.bearer("frieda"))
                .delete("/api/me/calendar-feed")
                .then()
                .statusCode(204);
        given().get(feedPath(rotated)).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("frieda"))
                .get("/api/me/calendar-feed")
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
    }

    private String uid(ConferenceSession s) {
        return "session-" + s.id + "@" + event.slug + ".atrium";
    }

    private static VEvent byUid(String ics, String uid) {
        return Biweekly.parse(ics).first().getEvents().stream()
                .filter(e -> e.getUid().getValue().equals(uid))
                .findFirst()
                .orElseThrow(() -> new AssertionError(uid + " not in " + ics));
    }

    @Test
    void eventAndSessionCalendars() {
        setUp();
        data.cancel(other);
        String ics = given().get("/api/events/" + event.slug + "/calendar.ics")
                .then()
                .statusCode(200)
                .contentType("text/calendar")
                .header("Content-Disposition", "inline; filename=\"" + event.slug + ".ics\"")
                .extract()
                .asString();
        ICalendar calendar = Biweekly.parse(ics).first();
        List<VEvent> events = calendar.getEvents();
        assertEquals(2, events.size());
        assertEquals(AZ, events.get(0).getSummary().getValue());
        assertTrue(
                events.get(0).getDescription().getValue().startsWith(RU + "\n" + FR + "\n\nSpeakers: Жан-Поль Дюбуа"));
        assertEquals("Zal Ə", events.get(0).getLocation().getValue());
        assertEquals(FR, events.get(1).getSummary().getValue());
        assertEquals("CANCELLED", events.get(1).getStatus().getValue());
        assertEquals(1, events.get(1).getSequence().getValue());
        for (byte[] line : lines(ics.getBytes(StandardCharsets.UTF_8))) {
            assertTrue(line.length <= 75, new String(line, StandardCharsets.UTF_8));
        }
        assertTrue(unfolded(ics).contains("SUMMARY:Déminage à Genève\\, été\\; «naïf»"), ics);

        // calendar apps poll: an unchanged feed is a 304, a changed one a new ETag
        String etag = given().get("/api/events/" + event.slug + "/calendar.ics")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        given().header("If-None-Match", etag)
                .get("/api/events/" + event.slug + "/calendar.ics")
                .then()
                .statusCode(304);
        data.move(talk, Instant.parse("2027-05-12T06:30:00Z"), Instant.parse("2027-05-12T07:30:00Z"));
        given().header("If-None-Match", etag)
                .get("/api/events/" + event.slug + "/calendar.ics")
                .then()
                .statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(etag));

        String one = given().get("/api/events/" + event.slug + "/sessions/" + talk.id + "/calendar.ics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(
                "session-" + talk.id + "@" + event.slug + ".atrium",
                onlyEvent(one).getUid().getValue());
        given().get("/api/events/" + event.slug + "/sessions/" + other.id + "9999/calendar.ics")
                .then()
                .statusCode(404);
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        given().get("/api/events/" + draft.slug + "/calendar.ics").then().statusCode(404);
    }

    private static VEvent onlyEvent(String ics) {
        List<VEvent> events = Biweekly.parse(ics).first().getEvents();
        assertEquals(1, events.size(), ics);
        return events.get(0);
    }

    private static String unfolded(String ics) {
        return ics.replace("\r\n ", "");
    }

    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> result = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                result.add(java.util.Arrays.copyOfRange(bytes, start, i));
                start = i + 2;
            }
        }
        return result;
    }

    /**
     * RFC 9110 compares If-None-Match weakly: a tag handed back weakened (a proxy that compresses the body does so) or
     * among others still means "unchanged". Failed before the feeds and the programme shared {@code EntityTags}: the
     * feeds compared strongly and answered 200 with the whole body.
     */
    @Test
    void feedsAnswerAWeakenedTagWith304() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("weak"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), true);
        fixtures.session(
                event, null, "Talk", Instant.parse("2027-05-12T06:00:00Z"), Instant.parse("2027-05-12T07:00:00Z"));
        for (String feed : List.of("calendar.ics", "schedule.json", "schedule.xml")) {
            String path = "/api/events/" + event.slug + "/" + feed;
            String etag = given().get(path).then().statusCode(200).extract().header("ETag");
            assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
            given().header("If-None-Match", "W/" + etag)
                    .get(path)
                    .then()
                    .statusCode(304)
                    .header("ETag", etag);
            given().header("If-None-Match", "\"other\", W/" + etag)
                    .get(path)
                    .then()
                    .statusCode(304);
            given().header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
        }
    }
}
