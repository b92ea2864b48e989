package org.atrium.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atrium.event.Event;
import org.atrium.schedule.SessionSpeaker.Role;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionResourceTest {

    @Inject
    Fixtures fixtures;

    static Map<String, Object> session(String title, String start, String end, Venue room) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("start", start);
        m.put("end", end);
        if (room != null) {
            m.put("roomId", room.id);
        }
        return m;
    }

    static Map<String, Object> with(Map<String, Object> form, String key, Object value) {
        Map<String, Object> m = new HashMap<>(form);
        m.put(key, value);
        return m;
    }

    static ValidatableResponse post(String user, Event event, Map<String, Object> form) {
        return given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body(form)
                .post("/api/events/" + event.slug + "/sessions")
                .then();
    }

    static ValidatableResponse put(String user, Event event, long id, Map<String, Object> form) {
        return given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body(form)
                .put("/api/events/" + event.slug + "/sessions/" + id)
                .then();
    }

    static long created(ValidatableResponse r) {
        return r.statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void organiserCreatesReadsAndUpdatesASession() {
        Event event = fixtures.publishedEvent();
        Venue room = fixtures.room(event, "Main Stage", 300);
        Track track = fixtures.track(event, "Mine action", "#aa0000");
        Speaker ana = fixtures.speaker(event, "Ana Lima", null);
        Speaker ben = fixtures.speaker(event, "Ben Okafor", null);
        Map<String, Object> form = session("Opening", "2027-05-12T15:00", "2027-05-12T16:00+04:00", room);
        form.put("abstract", "Welcome.");
        form.put("type", "KEYNOTE");
        form.put("language", "en");
        form.put("trackId", track.id);
        form.put("capacity", 120);
        form.put("speakers", List.of(Map.of("speakerId", ben.id, "role", "MODERATOR"), Map.of("speakerId", ana.id)));

        long id = created(post("organiser", event, form)
                .body("title", equalTo("Opening"))
                .body("abstract", equalTo("Welcome."))
                .body("type", equalTo("KEYNOTE"))
                .body("start", equalTo("2027-05-12T11:00:00Z"))
                .body("end", equalTo("2027-05-12T12:00:00Z"))
                .body("localStart", equalTo("2027-05-12T15:00:00+04:00"))
                .body("localEnd", equalTo("2027-05-12T16:00:00+04:00"))
                .body("roomId", equalTo(room.id.intValue()))
                .body("trackId", equalTo(track.id.intValue()))
                .body("capacity", equalTo(120))
                .body("cancelled", equalTo(false))
                .body("speakers.name", contains("Ben Okafor", "Ana Lima"))
                .body("speakers.role", contains("MODERATOR", "SPEAKER"))
                .body("version", equalTo(0)));

        given().get("/api/events/" + event.slug + "/sessions/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("speakers.speakerId", contains(ben.id.intValue(), ana.id.intValue()));

        Map<String, Object> moved = with(form, "start", "2027-05-12T17:00");
        moved.put("end", "2027-05-12T18:30");
        moved.put("speakers", List.of(Map.of("speakerId", ana.id, "role", "SPEAKER")));
        moved.put("version", 0);
        put("organiser", event, id, moved)
                .statusCode(200)
                .body("localStart", equalTo("2027-05-12T17:00:00+04:00"))
                .body("end", equalTo("2027-05-12T14:30:00Z"))
                .body("scheduleRevision", equalTo(1))
                .body("speakers.name", contains("Ana Lima"))
                .body("version", equalTo(1));
    }

    @Test
    void locationNamesTheNewSession() {
        Event event = fixtures.publishedEvent();
        var response = post("organiser", event, session("Talk", "2027-05-12T10:00", "2027-05-12T11:00", null))
                .statusCode(201)
                .extract();
        assertEquals(
                "/api/events/" + event.slug + "/sessions/" + response.jsonPath().getLong("id"),
                response.header("Location"));
    }

    @Test
    void staleOrMissingVersionIsRefusedAndNothingIsLost() {
        Event event = fixtures.publishedEvent();
        Map<String, Object> form = session("Talk", "2027-05-12T10:00", "2027-05-12T11:00", null);
        long id = created(post("organiser", event, form));
        put("organiser", event, id, with(with(form, "title", "First edit"), "version", 0))
                .statusCode(200)
                .body("version", equalTo(1));
        put("organiser", event, id, with(with(form, "title", "Second edit, stale"), "version", 0))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("version.conflict"))
                .body("currentVersion", equalTo(1));
        put("organiser", event, id, with(form, "title", "No version"))
                .statusCode(400)
                .body("code", equalTo("version.required"));
        given().get("/api/events/" + event.slug + "/sessions/" + id).then().body("title", equalTo("First edit"));
    }

    @Test
    void onlyOrganisersChangeSessions() {
        Event event = fixtures.publishedEvent();
        Map<String, Object> form = session("Talk", "2027-05-12T10:00", "2027-05-12T11:00", null);
        given().contentType(ContentType.JSON)
                .body(form)
                .post("/api/events/" + event.slug + "/sessions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.required"));
        post("alice", event, form).statusCode(403).body("code", equalTo("forbidden"));
        long id = created(post("organiser", event, form));
        put("alice", event, id, with(form, "version", 0)).statusCode(403);
        given().header("Authorization", Tokens.bearer("alice"))
                .delete("/api/events/" + event.slug + "/sessions/" + id)
                .then()
                .statusCode(403);
        given().delete("/api/events/" + event.slug + "/sessions/" + id).then().statusCode(401);
        given().get("/api/events/" + event.slug + "/sessions/" + id).then().body("cancelled", equalTo(false));
    }

    @Test
    void draftSessionsAreHiddenFromEveryoneButOrganisers() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        ConferenceSession s = fixtures.session(
                draft, null, "Secret", Instant.parse("2027-05-12T08:00:00Z"), Instant.parse("2027-05-12T09:00:00Z"));
        for (String path : List.of("/sessions", "/sessions/" + s.id)) {
            given().get("/api/events/" + draft.slug + path)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("event.not-found"));
            given().header("Authorization", Tokens.bearer("alice"))
                    .get("/api/events/" + draft.slug + path)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("event.not-found"));
            given().header("Authorization", Tokens.bearer("organiser"))
                    .get("/api/events/" + draft.slug + path)
                    .then()
                    .statusCode(200);
        }
        post("alice", draft, session("Mine", "2027-05-12T10:00", "2027-05-12T11:00", null))
                .statusCode(404)
                .body("code", equalTo("event.not-found"));
    }

    @Test
    void anotherEventsIdsAreNotFoundUnderThisEvent() {
        Event a = fixtures.publishedEvent();
        Event b = fixtures.publishedEvent();
        ConferenceSession inB = fixtures.session(
                b, null, "B's talk", Instant.parse("2027-05-12T08:00:00Z"), Instant.parse("2027-05-12T09:00:00Z"));
        Venue roomB = fixtures.room(b, "B room", 10);
        Track trackB = fixtures.track(b, "B track", "#00aa00");
        Speaker speakerB = fixtures.speaker(b, "B speaker", null);
        Map<String, Object> form = session("Talk", "2027-05-12T10:00", "2027-05-12T11:00", null);

        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + a.slug + "/sessions/" + inB.id)
                .then()
                .statusCode(404)
                .body("code", equalTo("session.not-found"));
        put("organiser", a, inB.id, with(form, "version", 0))
                .statusCode(404)
                .body("code", equalTo("session.not-found"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + a.slug + "/sessions/" + inB.id)
                .then()
                .statusCode(404)
                .body("code", equalTo("session.not-found"));
        given().get("/api/events/" + b.slug + "/sessions/" + inB.id).then().body("cancelled", equalTo(false));

        post("organiser", a, with(form, "roomId", roomB.id))
                .statusCode(400)
                .body("code", equalTo("room.unknown"))
                .body("field", equalTo("roomId"));
        post("organiser", a, with(form, "trackId", trackB.id)).statusCode(400).body("code", equalTo("track.unknown"));
        post("organiser", a, with(form, "speakers", List.of(Map.of("speakerId", speakerB.id))))
                .statusCode(400)
                .body("code", equalTo("speaker.unknown"))
                .body("speakerIds", contains(speakerB.id.intValue()));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + a.slug + "/sessions")
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void aRoomHoldsOneSessionAtATime() {
        Event event = fixtures.publishedEvent();
        Venue main = fixtures.room(event, "Main", 100);
        Venue side = fixtures.room(event, "Side", 100);
        long opening =
                created(post("organiser", event, session("Opening", "2027-05-12T15:00", "2027-05-12T16:00", main)));

        post("organiser", event, session("Clash", "2027-05-12T15:30", "2027-05-12T16:30", main))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("schedule.conflict"))
                .body("conflicts", hasSize(1))
                .body("conflicts[0].id", equalTo((int) opening))
                .body("conflicts[0].title", equalTo("Opening"))
                .body("conflicts[0].start", equalTo("2027-05-12T11:00:00Z"))
                .body("conflicts[0].end", equalTo("2027-05-12T12:00:00Z"))
                .body("conflicts[0].localStart", equalTo("2027-05-12T15:00:00+04:00"))
                .body("conflicts[0].rules", contains("room"))
                .body("conflicts[0].roomId", equalTo(main.id.intValue()));

        created(post("organiser", event, session("Next", "2027-05-12T16:00", "2027-05-12T17:00", main)));
        created(post("organiser", event, session("Parallel", "2027-05-12T15:30", "2027-05-12T16:30", side)));
        given().get("/api/events/" + event.slug + "/sessions?room=" + main.id)
                .then()
                .body("items.title", contains("Opening", "Next"));
    }

    @Test
    void aSpeakerIsInOneSessionAtATime() {
        Event event = fixtures.publishedEvent();
        Venue main = fixtures.room(event, "Main", 100);
        Venue side = fixtures.room(event, "Side", 100);
        Speaker ana = fixtures.speaker(event, "Ana", null);
        Speaker ben = fixtures.speaker(event, "Ben", null);
        long panel = created(post(
                "organiser",
                event,
                with(
                        session("Panel", "2027-05-12T15:00", "2027-05-12T16:00", main),
                        "speakers",
                        List.of(Map.of("speakerId", ana.id, "role", "MODERATOR"), Map.of("speakerId", ben.id)))));

        post(
                        "organiser",
                        event,
                        with(
                                session("Workshop", "2027-05-12T15:45", "2027-05-12T17:00", side),
                                "speakers",
                                List.of(Map.of("speakerId", ana.id))))
                .statusCode(409)
                .body("code", equalTo("schedule.conflict"))
                .body("conflicts[0].id", equalTo((int) panel))
                .body("conflicts[0].rules", contains("speaker"))
                .body("conflicts[0].speakerIds", contains(ana.id.intValue()))
                .body("conflicts[0].roomId", nullValue());

        post(
                        "organiser",
                        event,
                        with(
                                session("Both", "2027-05-12T15:45", "2027-05-12T17:00", main),
                                "speakers",
                                List.of(Map.of("speakerId", ben.id))))
                .statusCode(409)
                .body("conflicts[0].rules", contains("room", "speaker"));
    }

    @Test
    void movingASessionOntoAnotherIsAConflictButMovingItselfIsNot() {
        Event event = fixtures.publishedEvent();
        Venue main = fixtures.room(event, "Main", 100);
        created(post("organiser", event, session("First", "2027-05-12T10:00", "2027-05-12T11:00", main)));
        Map<String, Object> second = session("Second", "2027-05-12T11:00", "2027-05-12T12:00", main);
        long id = created(post("organiser", event, second));
        put("organiser", event, id, with(with(second, "end", "2027-05-12T12:30"), "version", 0))
                .statusCode(200);
        put("organiser", event, id, with(with(second, "start", "2027-05-12T10:30"), "version", 1))
                .statusCode(409)
                .body("code", equalTo("schedule.conflict"))
                .body("conflicts.title", contains("First"));
    }

    @Test
    void cancelledSessionsStayListedAndFreeTheirRoom() {
        Event event = fixtures.publishedEvent();
        Venue main = fixtures.room(event, "Main", 100);
        long id = created(post("organiser", event, session("Dropped", "2027-05-12T10:00", "2027-05-12T11:00", main)));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + event.slug + "/sessions/" + id)
                .then()
                .statusCode(200)
                .body("cancelled", equalTo(true))
                .body("scheduleRevision", equalTo(1));
        long replacement =
                created(post("organiser", event, session("Replacement", "2027-05-12T10:00", "2027-05-12T11:00", main)));
        given().get("/api/events/" + event.slug + "/sessions")
                .then()
                .body("items.title", contains("Dropped", "Replacement"))
                .body("items.cancelled", contains(true, false));
        // reinstating the cancelled one now clashes with its replacement
        put(
                        "organiser",
                        event,
                        id,
                        with(
                                with(
                                        session("Dropped", "2027-05-12T10:00", "2027-05-12T11:00", main),
                                        "cancelled",
                                        false),
                                "version",
                                1))
                .statusCode(409)
                .body("conflicts[0].id", equalTo((int) replacement));
    }

    @Test
    void anUpdateThatLeavesCancelledOutKeepsTheSessionCancelled() {
        Event event = fixtures.publishedEvent();
        Map<String, Object> form = session("Dropped", "2027-05-12T10:00", "2027-05-12T11:00", null);
        long id = created(post("organiser", event, form));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + event.slug + "/sessions/" + id + "?version=0")
                .then()
                .statusCode(200);
        put("organiser", event, id, with(with(form, "title", "Dropped, renamed"), "version", 1))
                .statusCode(200)
                .body("cancelled", equalTo(true));
        put("organiser", event, id, with(with(form, "cancelled", false), "version", 2))
                .statusCode(200)
                .body("cancelled", equalTo(false))
                .body("scheduleRevision", equalTo(2));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + event.slug + "/sessions/" + id + "?version=0")
                .then()
                .statusCode(409)
                .body("code", equalTo("version.conflict"));
    }

    @Test
    void sessionsMustLieWithinTheEventsDays() {
        Event event = fixtures.publishedEvent(); // Asia/Baku, 2027-05-12..13
        post("organiser", event, session("Eve", "2027-05-11T23:00", "2027-05-12T01:00", null))
                .statusCode(409)
                .body("code", equalTo("session.outside-event-days"))
                .body("firstDay", equalTo("2027-05-12"))
                .body("lastDay", equalTo("2027-05-13"))
                .body("opensAt", equalTo("2027-05-12T00:00:00+04:00"))
                .body("closesAt", equalTo("2027-05-14T00:00:00+04:00"));
        post("organiser", event, session("Late", "2027-05-13T23:00", "2027-05-14T00:30", null))
                .statusCode(409)
                .body("code", equalTo("session.outside-event-days"));
        // 2027-05-11T20:00Z is midnight in Baku: the first instant of the first day
        created(post("organiser", event, session("Dawn", "2027-05-11T20:00Z", "2027-05-12T01:00", null)));
        created(post("organiser", event, session("Midnight", "2027-05-13T23:00", "2027-05-14T00:00", null)));
    }

    @Test
    void localTimesInDaylightSavingGapsAndOverlapsAreRefused() {
        Event spring = fixtures.event(
                Fixtures.uniqueSlug("ldn"),
                "Europe/London",
                LocalDate.of(2027, 3, 28),
                LocalDate.of(2027, 3, 28),
                true);
        post("organiser", spring, session("Night owl", "2027-03-28T01:30", "2027-03-28T03:00", null))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("time.nonexistent"))
                .body("field", equalTo("start"))
                .body("gapStart", equalTo("2027-03-28T01:00"))
                .body("gapEnd", equalTo("2027-03-28T02:00"))
                .body("timeZone", equalTo("Europe/London"));
        created(post("organiser", spring, session("Night owl", "2027-03-28T00:30", "2027-03-28T03:00", null))
                .body("localEnd", equalTo("2027-03-28T03:00:00+01:00"))
                .body("end", equalTo("2027-03-28T02:00:00Z")));

        Event autumn = fixtures.event(
                Fixtures.uniqueSlug("ldn"),
                "Europe/London",
                LocalDate.of(2027, 10, 31),
                LocalDate.of(2027, 10, 31),
                true);
        post("organiser", autumn, session("Twice", "2027-10-31T00:30", "2027-10-31T01:30", null))
                .statusCode(400)
                .body("code", equalTo("time.ambiguous"))
                .body("field", equalTo("end"))
                .body("candidates.dateTime", contains("2027-10-31T01:30+01:00", "2027-10-31T01:30+00:00"))
                .body("candidates.instant", contains("2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z"));
        created(post("organiser", autumn, session("Twice", "2027-10-31T00:30", "2027-10-31T01:30+00:00", null))
                .body("end", equalTo("2027-10-31T01:30:00Z"))
                .body("localEnd", equalTo("2027-10-31T01:30:00Z")));
    }

    @Test
    void badInputIsAProblemWithAStableCode() {
        Event event = fixtures.publishedEvent();
        Map<String, Object> form = session("Talk", "2027-05-12T10:00", "2027-05-12T11:00", null);
        post("organiser", event, with(form, "end", "2027-05-12T09:00"))
                .statusCode(400)
                .body("code", equalTo("session.end-before-start"));
        post("organiser", event, with(form, "start", "noon"))
                .statusCode(400)
                .body("code", equalTo("time.invalid"))
                .body("field", equalTo("start"));
        post("organiser", event, with(form, "title", " "))
                .statusCode(400)
                .body("code", equalTo("validation.failed"))
                .body("errors.field", contains("title"));
        post("organiser", event, with(form, "titel", "x")).statusCode(400).body("code", equalTo("json.unknown-field"));
        post("organiser", event, with(form, "type", "PARTY"))
                .statusCode(400)
                .body("code", equalTo("json.invalid-value"));
        post("organiser", event, with(form, "speakers", List.of(Map.of("speakerId", 1), Map.of("speakerId", 1))))
                .statusCode(400)
                .body("code", equalTo("session.duplicate-speaker"));
        given().get("/api/events/" + event.slug + "/sessions?day=12-05-2027")
                .then()
                .statusCode(400)
                .body("code", equalTo("filter.invalid"));
        given().get("/api/events/" + event.slug + "/sessions").then().body("total", equalTo(0));
    }

    @Test
    void listsArePagedAndFilteredByDayTrackRoomAndSpeaker() {
        Event event = fixtures.publishedEvent(); // Asia/Baku
        Venue main = fixtures.room(event, "Main", 100);
        Venue side = fixtures.room(event, "Side", 100);
        Track art = fixtures.track(event, "Art", "#000000");
        Speaker ana = fixtures.speaker(event, "Ana", null);
        created(post(
                "organiser",
                event,
                with(session("A", "2027-05-12T09:00", "2027-05-12T10:00", main), "trackId", art.id)));
        created(post(
                "organiser",
                event,
                with(
                        session("B", "2027-05-12T09:00", "2027-05-12T10:00", side),
                        "speakers",
                        List.of(Map.of("speakerId", ana.id)))));
        // 01:00 on the 13th in Baku is still the 12th in UTC: the day filter is event-local
        created(post("organiser", event, session("C", "2027-05-13T01:00", "2027-05-13T02:00", main)));
        created(post(
                "organiser",
                event,
                with(
                        with(session("D", "2027-05-13T10:00", "2027-05-13T11:00", side), "trackId", art.id),
                        "speakers",
                        List.of(Map.of("speakerId", ana.id)))));
        String base = "/api/events/" + event.slug + "/sessions";

        given().get(base)
                .then()
                .body("items.title", contains("A", "B", "C", "D"))
                .body("total", equalTo(4));
        given().get(base + "?size=3&page=1")
                .then()
                .body("items.title", contains("D"))
                .body("page", equalTo(1))
                .body("size", equalTo(3))
                .body("total", equalTo(4));
        given().get(base + "?day=2027-05-12").then().body("items.title", contains("A", "B"));
        given().get(base + "?day=2027-05-13").then().body("items.title", contains("C", "D"));
        given().get(base + "?track=" + art.id).then().body("items.title", contains("A", "D"));
        given().get(base + "?room=" + side.id).then().body("items.title", contains("B", "D"));
        given().get(base + "?speaker=" + ana.id).then().body("items.title", contains("B", "D"));
        given().get(base + "?speaker=" + ana.id + "&day=2027-05-13&room=" + side.id + "&track=" + art.id)
                .then()
                .body("items.title", contains("D"))
                .body("total", equalTo(1));
        given().get(base + "?size=0").then().statusCode(400).body("code", equalTo("paging.invalid"));
    }

    /**
     * Two organisers booking the same room at the same moment: the event row lock makes the checks run one after the
     * other, so exactly one booking wins in every round and the room never holds two sessions.
     */
    @Test
    void concurrentBookingsOfOneRoomLetExactlyOneWin() throws Exception {
        Event event = fixtures.publishedEvent();
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"subject\":\"bob\"}")
                .post("/api/events/" + event.slug + "/organisers")
                .then()
                .statusCode(200);
        Venue main = fixtures.room(event, "Main", 100);
        Tokens.of("bob");
        Tokens.of("organiser");
        int rounds = 6;
        int contenders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            for (int round = 0; round < rounds; round++) {
                String start = "2027-05-12T%02d:00".formatted(8 + round);
                String end = "2027-05-12T%02d:30".formatted(8 + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int c = 0; c < contenders; c++) {
                    String user = c % 2 == 0 ? "organiser" : "bob";
                    Map<String, Object> form = session("Round " + round + " by " + c, start, end, main);
                    results.add(pool.submit(() -> {
                        go.await();
                        return post(user, event, form).extract().statusCode();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : results) {
                    statuses.add(f.get());
                }
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "round " + round + ": " + statuses);
                assertEquals(
                        contenders - 1,
                        statuses.stream().filter(s -> s == 409).count(),
                        "round " + round + ": " + statuses);
            }
        } finally {
            pool.shutdownNow();
        }
        given().get("/api/events/" + event.slug + "/sessions?room=" + main.id)
                .then()
                .body("total", equalTo(rounds));
    }

    @Test
    void roleDefaultsToSpeaker() {
        Event event = fixtures.publishedEvent();
        Speaker ana = fixtures.speaker(event, "Ana", null);
        post(
                        "organiser",
                        event,
                        with(
                                session("Talk", "2027-05-12T10:00", "2027-05-12T11:00", null),
                                "speakers",
                                List.of(Map.of("speakerId", ana.id))))
                .statusCode(201)
                .body("speakers[0].role", equalTo(Role.SPEAKER.name()));
    }
}
