package org.atrium.registration;

import static io.restassured.RestAssured.given;
import static org.atrium.registration.RegistrationApi.cancelOwn;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.registration.Registration.State;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionSignupResourceTest {

    static final Instant START = Instant.parse("2027-05-12T06:00:00Z");
    static final Instant END = Instant.parse("2027-05-12T08:00:00Z");

    @Inject
    Fixtures fixtures;

    @Inject
    RegistrationRows rows;

    @Inject
    SessionCapacities capacities;

    @Inject
    RecordedChanges changes;

    static ValidatableResponse signUp(String slug, long sessionId, String user) {
        return given().header("Authorization", Tokens.bearer(user))
                .post("/api/events/" + slug + "/sessions/" + sessionId + "/signup")
                .then();
    }

    /** The event itself still runs (to 2027), so this is the session's own end, not the event's. */
    @Test
    void aSessionThatHasEndedTakesNoSignUps() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("ended"), "Asia/Baku", LocalDate.of(2021, 5, 12), LocalDate.of(2027, 5, 13), true);
        ConferenceSession past = fixtures.session(
                event,
                null,
                "Past workshop",
                Instant.parse("2021-05-12T06:00:00Z"),
                Instant.parse("2021-05-12T08:00:00Z"));
        fixtures.registration(event, "alice", State.CONFIRMED, null);
        signUp(event.slug, past.id, "alice")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("session.over"));
        assertEquals(List.of(), subjects(past, SessionSignup.State.CONFIRMED));
    }

    static ValidatableResponse cancel(String slug, long sessionId, String user) {
        return given().header("Authorization", Tokens.bearer(user))
                .delete("/api/events/" + slug + "/sessions/" + sessionId + "/signup")
                .then();
    }

    @Test
    void aWorkshopFallsBackToItsRoomsCapacityWaitlistsAndPromotes() {
        Event event = fixtures.publishedEvent();
        Venue lab = fixtures.room(event, "Lab", 2);
        ConferenceSession workshop = fixtures.session(event, lab, "Demining robotics workshop", START, END);
        for (String u : List.of("alice", "bob", "carol", "dave")) {
            fixtures.registration(event, u, State.CONFIRMED, null);
        }
        long alice = signUp(event.slug, workshop.id, "alice")
                .statusCode(201)
                .body("state", equalTo("CONFIRMED"))
                .body("sessionTitle", equalTo("Demining robotics workshop"))
                .extract()
                .jsonPath()
                .getLong("id");
        signUp(event.slug, workshop.id, "alice").statusCode(200).body("id", equalTo((int) alice));
        signUp(event.slug, workshop.id, "bob").statusCode(201).body("state", equalTo("CONFIRMED"));
        signUp(event.slug, workshop.id, "carol")
                .statusCode(201)
                .body("state", equalTo("WAITLISTED"))
                .body("waitlistPosition", equalTo(1));
        signUp(event.slug, workshop.id, "dave")
                .statusCode(201)
                .body("state", equalTo("WAITLISTED"))
                .body("waitlistPosition", equalTo(2));

        cancel(event.slug, workshop.id, "alice").statusCode(200).body("state", equalTo("CANCELLED"));
        assertEquals(List.of("bob", "carol"), subjects(workshop, SessionSignup.State.CONFIRMED));
        assertEquals(List.of("dave"), subjects(workshop, SessionSignup.State.WAITLISTED));
        assertEquals(
                List.of(
                        "alice:CONFIRMED",
                        "bob:CONFIRMED",
                        "carol:WAITLISTED",
                        "dave:WAITLISTED",
                        "alice:CANCELLED",
                        "carol:PROMOTED"),
                changes.signupsOf(workshop.id).stream()
                        .map(c -> c.subject() + ":" + c.kind())
                        .toList());

        // cancelling the event registration gives up the session place too, and the next in line moves up
        cancelOwn(event.slug, "bob").statusCode(200);
        assertEquals(List.of("carol", "dave"), subjects(workshop, SessionSignup.State.CONFIRMED));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations/sessions/" + workshop.id)
                .then()
                .statusCode(200)
                .body("subject", equalTo(List.of("alice", "bob", "carol", "dave")))
                .body("state", equalTo(List.of("CANCELLED", "CANCELLED", "CONFIRMED", "CONFIRMED")));
        given().header("Authorization", Tokens.bearer("dave"))
                .get("/api/me/registrations")
                .then()
                .body("find { it.event == '%s' }.sessions[0].state".formatted(event.slug), equalTo("CONFIRMED"));
    }

    @Test
    void aSessionsOwnCapacityWinsOverItsRooms() {
        Event event = fixtures.publishedEvent();
        ConferenceSession tour =
                fixtures.session(event, fixtures.room(event, "Hall", 100), "Exhibition tour", START, END);
        capacities.set(tour.id, 1);
        fixtures.registration(event, "alice", State.CONFIRMED, null);
        fixtures.registration(event, "bob", State.CONFIRMED, null);
        signUp(event.slug, tour.id, "alice").statusCode(201).body("state", equalTo("CONFIRMED"));
        signUp(event.slug, tour.id, "bob").statusCode(201).body("state", equalTo("WAITLISTED"));
        capacities.set(tour.id, 2); // raised in the schedule: the next decision catches up
        signUp(event.slug, tour.id, "bob").statusCode(200).body("state", equalTo("CONFIRMED"));
    }

    @Test
    void signingUpNeedsAConfirmedRegistrationAndASessionOfThisEvent() {
        Event event = fixtures.publishedEvent();
        Event other = fixtures.publishedEvent();
        ConferenceSession mine = fixtures.session(event, null, "Open talk", START, END);
        ConferenceSession theirs = fixtures.session(other, null, "Their talk", START, END);
        fixtures.registration(event, "alice", State.CONFIRMED, null);
        fixtures.registration(event, "bob", State.WAITLISTED, null);

        signUp(event.slug, mine.id, "carol").statusCode(409).body("code", equalTo("registration.required"));
        signUp(event.slug, mine.id, "bob").statusCode(409).body("code", equalTo("registration.required"));
        signUp(event.slug, theirs.id, "alice").statusCode(404).body("code", equalTo("session.not-found"));
        signUp(event.slug, 987654321L, "alice").statusCode(404).body("code", equalTo("session.not-found"));
        cancel(event.slug, mine.id, "alice").statusCode(404).body("code", equalTo("session-signup.not-found"));
        given().post("/api/events/" + event.slug + "/sessions/" + mine.id + "/signup")
                .then()
                .statusCode(401);
        assertEquals(List.of(), rows.signups(mine.id));
        assertEquals(List.of(), rows.signups(theirs.id));

        capacities.cancel(mine.id);
        signUp(event.slug, mine.id, "alice").statusCode(409).body("code", equalTo("session.cancelled"));
        assertEquals(List.of(), rows.signups(mine.id));

        ConferenceSession unlimited = fixtures.session(event, null, "Keynote", START, END);
        signUp(event.slug, unlimited.id, "alice").statusCode(201).body("state", equalTo("CONFIRMED"));
        given().header("Authorization", Tokens.bearer("bob"))
                .get("/api/events/" + event.slug + "/registrations/sessions/" + unlimited.id)
                .then()
                .statusCode(404);
    }

    @Test
    void organisersSeeEachWaitlistedSignupsPlace() {
        Event event = fixtures.publishedEvent();
        ConferenceSession lab = fixtures.session(event, fixtures.room(event, "Lab", 1), "Soldering lab", START, END);
        for (String u : List.of("alice", "bob", "carol")) {
            fixtures.registration(event, u, State.CONFIRMED, null);
            signUp(event.slug, lab.id, u).statusCode(201);
        }
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations/sessions/" + lab.id)
                .then()
                .statusCode(200)
                .body("subject", equalTo(List.of("alice", "bob", "carol")))
                .body("waitlistPosition", equalTo(java.util.Arrays.asList(null, 1, 2)));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations/sessions/" + lab.id + "?state=WAITLISTED")
                .then()
                .statusCode(200)
                .body("subject", equalTo(List.of("bob", "carol")))
                .body("waitlistPosition", equalTo(List.of(1, 2)));
    }

    private List<String> subjects(ConferenceSession session, SessionSignup.State state) {
        return rows.signups(session.id).stream()
                .filter(s -> s.state() == state)
                .map(RegistrationRows.SignupRow::subject)
                .toList();
    }
}
