package org.atrium.registration;

import static io.restassured.RestAssured.given;
import static org.atrium.registration.RegistrationApi.cancelOwn;
import static org.atrium.registration.RegistrationApi.capacity;
import static org.atrium.registration.RegistrationApi.organiserAction;
import static org.atrium.registration.RegistrationApi.register;
import static org.atrium.registration.RegistrationApi.registerId;
import static org.atrium.registration.RegistrationApi.settings;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.atrium.event.Event;
import org.atrium.registration.Registration.State;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationResourceTest {

    @Inject
    Fixtures fixtures;

    @Inject
    RegistrationRows rows;

    @Inject
    Participation participation;

    @Test
    void registersWithProfileAndTheEmailOfTheToken() {
        Event event = fixtures.publishedEvent();
        long id = register(event.slug, "alice", """
                        {"displayName":"Aysel Məmmədova","affiliation":"ANAMA","country":"az",
                         "timeZone":"GMT+4","notes":"needs live captions"}""")
                .statusCode(201)
                .header("Location", "/api/events/" + event.slug + "/registration")
                .body("state", equalTo("CONFIRMED"))
                .body("event", equalTo(event.slug))
                .body("subject", equalTo("alice"))
                .body("displayName", equalTo("Aysel Məmmədova"))
                .body("email", equalTo(RegistrationApi.claim("alice", "email")))
                .body("country", equalTo("AZ"))
                .body("timeZone", equalTo("GMT+4"))
                .body("notes", equalTo("needs live captions"))
                .body("waitlistPosition", nullValue())
                .extract()
                .jsonPath()
                .getLong("id");

        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + event.slug + "/registration")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id));
        assertEquals(true, participation.isConfirmed(event.id, "alice"));
        assertEquals("GMT+4", participation.preferredZone(event.id, "alice").orElseThrow());
    }

    @Test
    void registeringTwiceReturnsTheSameRegistration() {
        Event event = fixtures.publishedEvent();
        long id = registerId(event.slug, "alice");
        register(event.slug, "alice", "{\"displayName\":\"Someone Else\"}")
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("displayName", equalTo(RegistrationApi.claim("alice", "name")));
        assertEquals(1, rows.of(event.id).size());
    }

    @Test
    void aDoubleClickRaceMakesOneRegistration() throws Exception {
        Event event = fixtures.publishedEvent();
        Tokens.of("alice");
        int clicks = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clicks);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<int[]>> answers = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            answers.add(pool.submit((Callable<int[]>) () -> {
                go.await();
                var r = register(event.slug, "alice").extract();
                return new int[] {r.statusCode(), r.jsonPath().getInt("id")};
            }));
        }
        go.countDown();
        List<int[]> results = new ArrayList<>();
        for (Future<int[]> f : answers) {
            results.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, results.stream().filter(r -> r[0] == 201).count());
        assertEquals(clicks - 1, results.stream().filter(r -> r[0] == 200).count());
        assertEquals(1, results.stream().map(r -> r[1]).distinct().count());
        assertEquals(1, rows.of(event.id).size());
    }

    @Test
    void registeringForAnEventThatIsOverIsRefused() {
        Event over = fixtures.event(
                Fixtures.uniqueSlug("past"), "Asia/Baku", LocalDate.of(2021, 5, 12), LocalDate.of(2021, 5, 13), true);
        register(over.slug, "alice")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("registration.event-over"))
                .body("lastDay", equalTo("2021-05-13"))
                .body("timeZone", equalTo("Asia/Baku"))
                .body("endedAt", equalTo("2021-05-13T20:00:00Z"));
        assertEquals(List.of(), rows.of(over.id));
        // a cancelled registration is not revived either
        fixtures.registration(over, "bob", State.CANCELLED, null);
        register(over.slug, "bob").statusCode(409).body("code", equalTo("registration.event-over"));
        assertEquals(
                List.of(State.CANCELLED),
                rows.of(over.id).stream().map(RegistrationRows.Row::state).toList());
    }

    /**
     * Over means after the last day in the event's own zone, not in UTC. The dates are taken from today's date in each
     * zone, so whatever the hour: yesterday in Kiritimati (UTC+14) is over, today in Pago Pago (UTC-11) is not.
     * Between them they refute a UTC reading at any hour: Kiritimati's yesterday is UTC's today from 10:00 UTC, and
     * Pago Pago's today is UTC's yesterday before 11:00 UTC.
     */
    @Test
    void anEventIsOverAfterItsLastDayInItsOwnZone() {
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
        ZoneId pagoPago = ZoneId.of("Pacific/Pago_Pago");
        LocalDate yesterdayInKiritimati = LocalDate.now(kiritimati).minusDays(1);
        LocalDate todayInPagoPago = LocalDate.now(pagoPago);
        Event ended = fixtures.event(
                Fixtures.uniqueSlug("kiri"), kiritimati.getId(), yesterdayInKiritimati, yesterdayInKiritimati, true);
        Event lastDay =
                fixtures.event(Fixtures.uniqueSlug("pago"), pagoPago.getId(), todayInPagoPago, todayInPagoPago, true);
        register(ended.slug, "alice").statusCode(409).body("code", equalTo("registration.event-over"));
        register(lastDay.slug, "alice").statusCode(201).body("state", equalTo("CONFIRMED"));
    }

    @Test
    void badProfilesAreRefusedAndChangeNothing() {
        Event event = fixtures.publishedEvent();
        register(event.slug, "alice", "{\"timeZone\":\"Mars/Olympus_Mons\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("timezone.unknown"));
        register(event.slug, "alice", "{\"timeZone\":\"GMT+25\"}")
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"));
        // offsets no zone uses, by the viewer rule
        register(event.slug, "alice", "{\"timeZone\":\"UTC+15\"}")
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"));
        register(event.slug, "alice", "{\"timeZone\":\"+14:01\"}")
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"));
        register(event.slug, "alice", "{\"country\":\"XX\"}")
                .statusCode(400)
                .body("code", equalTo("registration.country-unknown"));
        register(event.slug, "alice", "{\"country\":\"Azerbaijan\"}")
                .statusCode(400)
                .body("code", equalTo("validation.failed"));
        register(event.slug, "alice", "{\"email\":\"forged@example.org\"}")
                .statusCode(400)
                .body("code", equalTo("json.unknown-field"));
        assertEquals(List.of(), rows.of(event.id));
        given().contentType("application/json")
                .body("{}")
                .post("/api/events/" + event.slug + "/registration")
                .then()
                .statusCode(401);
        register(event.slug, "bob", "{\"timeZone\":\"-05:30\"}").statusCode(201).body("timeZone", equalTo("-05:30"));
        register(event.slug, "carol", "{\"timeZone\":\"America/Argentina/Buenos_Aires\"}")
                .statusCode(201);
    }

    @Test
    void aFullEventWaitlistsAndACancellationPromotesTheFirstInLine() {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 2, "AUTOMATIC");
        registerId(event.slug, "alice");
        registerId(event.slug, "bob");
        register(event.slug, "carol")
                .statusCode(201)
                .body("state", equalTo("WAITLISTED"))
                .body("waitlistPosition", equalTo(1));
        register(event.slug, "dave")
                .statusCode(201)
                .body("state", equalTo("WAITLISTED"))
                .body("waitlistPosition", equalTo(2));

        cancelOwn(event.slug, "alice").statusCode(200).body("state", equalTo("CANCELLED"));
        cancelOwn(event.slug, "alice").statusCode(200).body("state", equalTo("CANCELLED"));

        given().header("Authorization", Tokens.bearer("carol"))
                .get("/api/events/" + event.slug + "/registration")
                .then()
                .body("state", equalTo("CONFIRMED"));
        given().header("Authorization", Tokens.bearer("dave"))
                .get("/api/me/registrations")
                .then()
                .statusCode(200)
                .body("find { it.event == '%s' }.registration.state".formatted(event.slug), equalTo("WAITLISTED"))
                .body("find { it.event == '%s' }.registration.waitlistPosition".formatted(event.slug), equalTo(1))
                .body("find { it.event == '%s' }.eventTitle".formatted(event.slug), equalTo(event.title));
        assertEquals(List.of("bob", "carol"), subjects(event, State.CONFIRMED));
        assertEquals(List.of("dave"), subjects(event, State.WAITLISTED));
    }

    @Test
    void registeringAgainAfterCancellingQueuesAtTheEnd() {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 1, "AUTOMATIC");
        long first = registerId(event.slug, "alice");
        registerId(event.slug, "bob");
        registerId(event.slug, "carol");
        cancelOwn(event.slug, "alice").statusCode(200);
        register(event.slug, "alice")
                .statusCode(201)
                .body("id", equalTo((int) first))
                .body("state", equalTo("WAITLISTED"))
                .body("waitlistPosition", equalTo(2));
        assertEquals(List.of("carol", "alice"), subjects(event, State.WAITLISTED));
    }

    @Test
    void capacityCannotDropBelowConfirmedAndRaisingItPromotesExactlyTheFreedPlaces() {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 3, "AUTOMATIC");
        for (String u : List.of("u1", "u2", "u3", "u4", "u5", "u6", "u7")) {
            registerId(event.slug, u);
        }
        settings(event.slug, "organiser", "{\"open\":true,\"capacity\":2,\"mode\":\"AUTOMATIC\"}")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("registration.capacity-below-confirmed"))
                .body("confirmed", equalTo(3))
                .body("capacity", equalTo(2));
        given().get("/api/events/" + event.slug + "/registration-settings")
                .then()
                .body("capacity", equalTo(3))
                .body("confirmed", equalTo(3))
                .body("waitlisted", equalTo(4))
                .body("placesLeft", equalTo(0));

        settings(event.slug, "organiser", "{\"open\":true,\"capacity\":5,\"mode\":\"AUTOMATIC\"}")
                .statusCode(200)
                .body("capacity", equalTo(5))
                .body("confirmed", equalTo(5))
                .body("waitlisted", equalTo(2));
        assertEquals(List.of("u1", "u2", "u3", "u4", "u5"), subjects(event, State.CONFIRMED));
        assertEquals(List.of("u6", "u7"), subjects(event, State.WAITLISTED));

        settings(event.slug, "organiser", "{\"open\":true,\"capacity\":null,\"mode\":\"AUTOMATIC\"}")
                .statusCode(200)
                .body("confirmed", equalTo(7))
                .body("placesLeft", nullValue());
    }

    @Test
    void approvalModeKeepsRegistrationsPendingUntilDecided() {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 1, "APPROVAL");
        long alice = registerId(event.slug, "alice");
        long bob = registerId(event.slug, "bob");
        assertEquals(List.of("alice", "bob"), subjects(event, State.PENDING));
        assertEquals(false, participation.isConfirmed(event.id, "alice"));

        organiserAction(event.slug, "organiser", bob, "approve").statusCode(200).body("state", equalTo("CONFIRMED"));
        organiserAction(event.slug, "organiser", alice, "approve")
                .statusCode(200)
                .body("state", equalTo("WAITLISTED"))
                .body("waitlistPosition", equalTo(1));
        organiserAction(event.slug, "organiser", bob, "reject").statusCode(200).body("state", equalTo("REJECTED"));
        assertEquals(List.of("alice"), subjects(event, State.CONFIRMED));
        assertConfirmedAnswers(event, Map.of("alice", true, "bob", false, "nobody", false));
        organiserAction(event.slug, "organiser", bob, "approve")
                .statusCode(409)
                .body("code", equalTo("registration.state-conflict"));
        register(event.slug, "bob").statusCode(409).body("code", equalTo("registration.rejected"));
    }

    /**
     * The live rooms' batched check answers as the plain one, for each caller of a burst: many threads ask at once
     * (they share statements), about this event and about another one where nobody is registered.
     */
    private void assertConfirmedAnswers(Event event, Map<String, Boolean> expected) {
        Event other = fixtures.publishedEvent();
        List<Callable<String>> asks = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            expected.forEach((subject, confirmed) -> {
                asks.add(() -> subject + "@" + event.id + "=" + participation.isConfirmedBatched(event.id, subject));
                asks.add(() -> subject + "@" + other.id + "=" + participation.isConfirmedBatched(other.id, subject));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            Set<String> answers = new TreeSet<>();
            for (Future<String> answer : pool.invokeAll(asks)) {
                answers.add(answer.get());
            }
            Set<String> wanted = new TreeSet<>();
            expected.forEach((subject, confirmed) -> {
                assertEquals(confirmed, participation.isConfirmed(event.id, subject), subject);
                wanted.add(subject + "@" + event.id + "=" + confirmed);
                wanted.add(subject + "@" + other.id + "=false");
            });
            assertEquals(wanted, answers);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void organisersListFilterCountAndCancelOnSomeonesBehalf() {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 2, "AUTOMATIC");
        long a = registerId(event.slug, "alice");
        registerId(event.slug, "bob");
        long c = registerId(event.slug, "carol");
        long d = registerId(event.slug, "dave");
        registerId(event.slug, "erin");

        String base = "/api/events/" + event.slug + "/registrations";
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(base + "?state=WAITLISTED")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.subject", contains("carol", "dave", "erin"))
                .body("items.waitlistPosition", contains(1, 2, 3));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(base + "?page=1&size=2")
                .then()
                .body("total", equalTo(5))
                .body("items.subject", contains("carol", "dave"));

        organiserAction(event.slug, "organiser", a, "cancel").statusCode(200).body("state", equalTo("CANCELLED"));
        organiserAction(event.slug, "organiser", d, "reject").statusCode(200).body("state", equalTo("REJECTED"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(base + "/counts")
                .then()
                .statusCode(200)
                .body("capacity", equalTo(2))
                .body("pending", equalTo(0))
                .body("confirmed", equalTo(2))
                .body("waitlisted", equalTo(1))
                .body("cancelled", equalTo(1))
                .body("rejected", equalTo(1))
                .body("total", equalTo(5));
        assertEquals(List.of("bob", "carol"), subjects(event, State.CONFIRMED));
        assertEquals(
                State.CONFIRMED,
                rows.of(event.id).stream()
                        .filter(r -> r.id() == c)
                        .findFirst()
                        .orElseThrow()
                        .state());
    }

    @Test
    void aRegistrationIsVisibleOnlyToItsOwnerAndTheEventsOrganisers() {
        Event event = fixtures.publishedEvent();
        long alice = registerId(event.slug, "alice");
        registerId(event.slug, "bob");
        String otherSlug = Fixtures.uniqueSlug("other");
        given().header("Authorization", Tokens.bearer("otherorg"))
                .contentType("application/json")
                .body("""
                        {"slug":"%s","title":"Other","timeZone":"Europe/Paris","firstDay":"2027-06-01","lastDay":"2027-06-02"}""".formatted(otherSlug))
                .post("/api/events")
                .then()
                .statusCode(201);
        String one = "/api/events/" + event.slug + "/registrations/" + alice;

        given().header("Authorization", Tokens.bearer("alice"))
                .get(one)
                .then()
                .statusCode(200)
                .body("subject", equalTo("alice"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(one)
                .then()
                .statusCode(200);
        for (String stranger : List.of("bob", "otherorg")) {
            given().header("Authorization", Tokens.bearer(stranger))
                    .get(one)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("registration.not-found"));
            for (String path : List.of("", "/counts", "/export")) {
                given().header("Authorization", Tokens.bearer(stranger))
                        .get("/api/events/" + event.slug + "/registrations" + path)
                        .then()
                        .statusCode(404);
            }
            organiserAction(event.slug, stranger, alice, "cancel").statusCode(404);
        }
        // the other event's organiser reaching for it through their own event
        given().header("Authorization", Tokens.bearer("otherorg"))
                .get("/api/events/" + otherSlug + "/registrations/" + alice)
                .then()
                .statusCode(404);
        organiserAction(otherSlug, "otherorg", alice, "cancel").statusCode(404);
        given().get(one).then().statusCode(401);
        assertEquals(State.CONFIRMED, rows.of(event.id).get(0).state());
    }

    @Test
    void draftCancelledClosedOrLateRegistrationsAreRefusedAndChangeNothing() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), false);
        register(draft.slug, "alice").statusCode(404).body("code", equalTo("event.not-found"));
        register(draft.slug, "organiser").statusCode(404).body("code", equalTo("event.not-found"));
        assertEquals(List.of(), rows.of(draft.id));

        Event cancelled = fixtures.publishedEvent();
        given().header("Authorization", Tokens.bearer("organiser"))
                .post("/api/events/" + cancelled.slug + "/cancel")
                .then()
                .statusCode(200);
        register(cancelled.slug, "alice").statusCode(409).body("code", equalTo("event.cancelled"));
        assertEquals(List.of(), rows.of(cancelled.id));

        Event closed = fixtures.publishedEvent();
        settings(closed.slug, "organiser", "{\"open\":false,\"mode\":\"AUTOMATIC\"}")
                .statusCode(200)
                .body("open", equalTo(false));
        register(closed.slug, "alice").statusCode(409).body("code", equalTo("registration.closed"));
        assertEquals(List.of(), rows.of(closed.id));

        Event late = fixtures.publishedEvent();
        settings(late.slug, "organiser", "{\"open\":true,\"deadline\":\"2026-01-10T18:00\",\"mode\":\"AUTOMATIC\"}")
                .statusCode(200)
                .body("deadline", equalTo("2026-01-10T18:00:00"))
                .body("deadlineAt", equalTo("2026-01-10T14:00:00Z"))
                .body("timeZone", equalTo("Asia/Baku"));
        register(late.slug, "alice").statusCode(409).body("code", equalTo("registration.deadline-passed"));
        assertEquals(List.of(), rows.of(late.id));
        settings(
                        late.slug,
                        "organiser",
                        "{\"open\":true,\"deadline\":\"2099-01-10T18:00+01:00\",\"mode\":\"AUTOMATIC\"}")
                .statusCode(200)
                .body("deadline", equalTo("2099-01-10T21:00:00"))
                .body("deadlineAt", equalTo("2099-01-10T17:00:00Z"));
        register(late.slug, "alice").statusCode(201);
    }

    @Test
    void settingsAreValidatedAndOnlyOrganisersChangeThem() {
        Event event = fixtures.publishedEvent();
        settings(event.slug, "organiser", "{\"open\":true,\"deadline\":\"next friday\",\"mode\":\"AUTOMATIC\"}")
                .statusCode(400)
                .body("code", equalTo("registration.deadline-invalid"));
        settings(event.slug, "organiser", "{\"open\":true,\"capacity\":-1,\"mode\":\"AUTOMATIC\"}")
                .statusCode(400)
                .body("code", equalTo("validation.failed"));
        settings(event.slug, "organiser", "{\"open\":true,\"capacity\":5,\"mode\":\"LOTTERY\"}")
                .statusCode(400);
        settings(event.slug, "alice", "{\"open\":false,\"mode\":\"AUTOMATIC\"}").statusCode(403);
        given().get("/api/events/" + event.slug + "/registration-settings")
                .then()
                .statusCode(200)
                .body("open", equalTo(true))
                .body("capacity", nullValue())
                .body("mode", equalTo("AUTOMATIC"));
        long version = settings(event.slug, "organiser", "{\"open\":true,\"capacity\":5,\"mode\":\"AUTOMATIC\"}")
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        settings(
                        event.slug,
                        "organiser",
                        "{\"open\":true,\"capacity\":6,\"mode\":\"AUTOMATIC\",\"version\":%d}".formatted(version + 7))
                .statusCode(409)
                .body("code", equalTo("version.conflict"));
        assertEquals(1, rows.settingsRows(event.id));
    }

    private List<String> subjects(Event event, State state) {
        return rows.of(event.id, state).stream()
                .map(RegistrationRows.Row::subject)
                .toList();
    }

    static Set<String> set(List<String> l) {
        return l.stream().collect(Collectors.toSet());
    }
}
