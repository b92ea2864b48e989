package org.atrium.common;

import static io.restassured.RestAssured.given;
import static org.atrium.common.HttpErrorsTest.isProblem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Query parameters the framework cannot convert are the client's mistake (400 naming the parameter), not a missing
 * resource; ids of another event are that event's business (404), whoever asks.
 */
@QuarkusTest
class InvalidParametersTest {

    @Inject
    Fixtures fixtures;

    @Test
    void unknownEnumValueIsA400NamingTheParameter() {
        Event event = fixtures.publishedEvent();
        var response = given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations?state=BOGUS")
                .then();
        isProblem(response, 400, "request.invalid-parameter");
        response.body("parameter", equalTo("state"))
                .body("errors[0].field", equalTo("state"))
                .body("errors[0].message", equalTo("cannot read value 'BOGUS'"))
                .body(
                        "detail",
                        equalTo("Query parameter 'state' must be one of PENDING, CONFIRMED, WAITLISTED, CANCELLED,"
                                + " REJECTED."));
    }

    @Test
    void emptyEnumValueMeansNoFilter() {
        Event event = fixtures.publishedEvent();
        fixtures.registration(event, "alice", org.atrium.registration.Registration.State.CONFIRMED, null);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations?state=")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].subject", equalTo("alice"));
    }

    @Test
    void numberThatIsNotANumberIsA400() {
        Event event = fixtures.publishedEvent();
        var response =
                given().get("/api/events/" + event.slug + "/sessions?page=two").then();
        isProblem(response, 400, "request.invalid-parameter");
        response.body("parameter", equalTo("page"))
                .body("detail", equalTo("Query parameter 'page' must be a whole number."));
        isProblem(
                given().get("/api/events/" + event.slug + "/sessions?track=x1").then(),
                400,
                "request.invalid-parameter");
    }

    @Test
    void unknownRoutesAndIdsStay404() {
        Event event = fixtures.publishedEvent();
        isProblem(given().get("/api/events/" + event.slug + "/nothing-here").then(), 404, "not-found");
        isProblem(given().get("/api/events/" + event.slug + "/sessions/abc").then(), 404, "not-found");
        isProblem(
                given().get("/api/events/" + event.slug + "/sessions/999999999").then(), 404, "session.not-found");
    }

    @Test
    void anotherEventsIdsAreNotFoundEvenForTheirOrganiser() {
        Event mine = fixtures.publishedEvent();
        Event other = fixtures.publishedEvent();
        var room = fixtures.room(other, "Other hall", 10);
        ConferenceSession session = fixtures.session(
                other, room, "Theirs", Instant.parse("2027-05-12T08:00:00Z"), Instant.parse("2027-05-12T09:00:00Z"));
        String organiser = Tokens.bearer("organiser");
        String base = "/api/events/" + mine.slug;
        isProblem(given().get(base + "/sessions/" + session.id).then(), 404, "session.not-found");
        isProblem(given().get(base + "/rooms/" + room.id).then(), 404, "room.not-found");
        isProblem(
                given().header("Authorization", organiser)
                        .delete(base + "/rooms/" + room.id)
                        .then(),
                404,
                "room.not-found");
        isProblem(
                given().header("Authorization", organiser)
                        .delete(base + "/sessions/" + session.id)
                        .then(),
                404,
                "session.not-found");
        isProblem(
                given().header("Authorization", organiser)
                        .get(base + "/registrations/sessions/" + session.id)
                        .then(),
                404,
                "session.not-found");
        given().get("/api/events/" + other.slug + "/sessions/" + session.id)
                .then()
                .statusCode(200)
                .body("cancelled", equalTo(false));
    }
}
