package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/** The projector's join link: a short link that redirects to the live room, and its QR code, as visible as the event. */
@QuarkusTest
class JoinResourceTest {

    @Inject
    Fixtures fixtures;

    @Test
    void theShortLinkLeadsToTheLiveRoom() {
        Event event = fixtures.publishedEvent();
        ConferenceSession session = fixtures.session(
                event, null, "Opening", Instant.parse("2027-05-12T11:00:00Z"), Instant.parse("2027-05-12T12:00:00Z"));
        String base = RestAssured.baseURI + ":" + RestAssured.port;

        given().redirects()
                .follow(false)
                .get("/s/" + session.id)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/#/events/" + event.slug + "/sessions/" + session.id));
        given().get("/api/events/" + event.slug + "/sessions/" + session.id + "/join")
                .then()
                .statusCode(200)
                .body("shortUrl", equalTo(base + "/s/" + session.id))
                .body("display", equalTo(base.replaceFirst("^https?://", "") + "/s/" + session.id))
                .body("url", equalTo(base + "/#/events/" + event.slug + "/sessions/" + session.id))
                .body("qrCode", equalTo("/api/events/" + event.slug + "/sessions/" + session.id + "/join.svg"));
        given().get("/api/events/" + event.slug + "/sessions/" + session.id + "/join.svg")
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .header("X-Content-Type-Options", "nosniff")
                .body(startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        given().redirects().follow(false).get("/s/999999999").then().statusCode(404);
    }

    @Test
    void aDraftsSessionsAreNotJoinableByTheirShortLink() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        ConferenceSession session = fixtures.session(
                draft, null, "Secret", Instant.parse("2027-05-12T11:00:00Z"), Instant.parse("2027-05-12T12:00:00Z"));
        given().redirects()
                .follow(false)
                .get("/s/" + session.id)
                .then()
                .statusCode(404)
                .body("code", equalTo("event.not-found"));
        given().get("/api/events/" + draft.slug + "/sessions/" + session.id + "/join.svg")
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + draft.slug + "/sessions/" + session.id + "/join.svg")
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, no-cache");
    }
}
