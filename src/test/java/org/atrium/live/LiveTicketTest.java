package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.security.EndedSignIns;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/** Live connection tickets: minted with the access token, consumed by one handshake, bound to their account. */
@QuarkusTest
class LiveTicketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    LiveTickets tickets;

    @Inject
    LiveConfig config;

    /** A session running now at a published event where alice and bob are confirmed. */
    String room() {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event, null, "Ticketed talk", now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(55)));
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        fixtures.registration(event, "bob", Registration.State.CONFIRMED, null);
        return "/live/sessions/" + session.id;
    }

    static ExtractableResponse<Response> mint(String user) {
        return given().header("Authorization", Tokens.bearer(user))
                .when()
                .post("/api/live/tickets")
                .then()
                .extract();
    }

    static String ticket(String user) {
        ExtractableResponse<Response> r = mint(user);
        assertEquals(201, r.statusCode(), r.body().asString());
        return r.path("ticket");
    }

    LiveClient connect(String path, String ticket) {
        return LiveClient.connect(base, path + "?ticket=" + ticket, Map.of(), List.of());
    }

    /**
     * A member comes back after a drop with the resume ticket its join ended with: no new ticket, the events it missed
     * and a resume ticket for the next time; a resume ticket opens its own room only, and once.
     */
    @Test
    void aResumeTicketBringsAMemberBackToItsRoomOnce() {
        String path = room();
        String resume;
        long seq;
        try (LiveClient alice = connect(path, ticket("alice"))) {
            seq = alice.next("snapshot").get("seq").asLong();
            resume = alice.resumeTicket();
        }
        try (LiveClient bob = connect(path, ticket("bob"))) {
            bob.next("snapshot");
            assertEquals(
                    "ack",
                    bob.command("{\"type\":\"chat.post\",\"ref\":\"away\",\"text\":\"while you were away\"}")
                            .get("type")
                            .asText());
        }
        String otherRoom = room(); // alice is confirmed there too
        assertEquals(401, LiveClient.refusal(base, otherRoom + "?ticket=" + resume, Map.of()), "another room");
        String again;
        try (LiveClient back = connect(path, resume + "&since=" + seq)) {
            JsonNode missed = back.next("chat.posted");
            assertEquals("while you were away", missed.at("/message/text").asText());
            assertEquals(seq + 1, missed.get("seq").asLong());
            again = back.resumeTicket();
            assertNotEquals(resume, again);
            assertEquals(
                    "ack",
                    back.command("{\"type\":\"chat.post\",\"ref\":\"back\",\"text\":\"I am back\"}")
                            .get("type")
                            .asText());
        }
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + resume, Map.of()), "used");
        LiveTickets other = otherNode();
        assertEquals(
                Optional.empty(),
                other.redeem(again, roomOf(otherRoom)).toCompletableFuture().join(),
                "another room, on another node");
        assertEquals(
                "alice",
                other.redeem(again, roomOf(path))
                        .toCompletableFuture()
                        .join()
                        .orElseThrow()
                        .subject(),
                "any node resumes it");
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + again, Map.of()), "used on the other node");
    }

    @Test
    void ticketIsRandomUrlSafeShortLivedAndNotCached() {
        Instant before = Instant.now();
        ExtractableResponse<Response> r = mint("alice");
        assertEquals(201, r.statusCode());
        assertEquals("no-store", r.header("Cache-Control"));
        String ticket = r.path("ticket");
        assertTrue(ticket.matches("[A-Za-z0-9_-]{64,400}"), ticket);
        assertFalse(
                new String(
                                java.util.Base64.getUrlDecoder().decode(ticket),
                                java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("alice"),
                "a ticket travels in URLs, which proxies log: it must not show the account");
        Instant expiresAt = Instant.parse(r.path("expiresAt"));
        Instant latest = Instant.now().plus(config.ticketTtl());
        assertFalse(expiresAt.isBefore(before.plus(config.ticketTtl()).minusSeconds(1)), expiresAt.toString());
        assertFalse(expiresAt.isAfter(latest), expiresAt.toString());
        assertNotEquals(ticket, ticket("alice"));
    }

    @Test
    void ticketJoinIsTheTicketsAccountWithTheSameNameAsABearerJoin() {
        String path = room();
        JsonNode viaBearer;
        try (LiveClient alice = LiveClient.connect(base, path, "alice")) {
            viaBearer = alice.next("snapshot").get("you");
        }
        try (LiveClient alice = connect(path, ticket("alice"));
                LiveClient bob = connect(path, ticket("bob"))) {
            JsonNode you = alice.next("snapshot").get("you");
            assertEquals("alice", you.get("subject").asText());
            assertEquals(viaBearer, you);
            assertEquals("bob", bob.next("snapshot").at("/you/subject").asText());
            assertEquals(
                    "ack",
                    alice.command("{\"type\":\"question.ask\",\"ref\":\"t1\",\"text\":\"Ticket?\"}")
                            .get("type")
                            .asText());
            JsonNode asked = bob.next("question.asked");
            assertEquals("alice", asked.at("/question/author/subject").asText());
        }
    }

    @Test
    void organiserTicketKeepsTheOrganiserRole() {
        String path = room();
        try (LiveClient organiser = connect(path, ticket("organiser"))) {
            JsonNode you = organiser.next("snapshot").get("you");
            assertEquals("organiser", you.get("subject").asText());
            assertTrue(you.get("organiser").asBoolean());
            assertTrue(you.get("moderator").asBoolean());
        }
    }

    @Test
    void aTicketWorksOnce() {
        String path = room();
        String ticket = ticket("alice");
        try (LiveClient alice = connect(path, ticket)) {
            alice.next("snapshot");
        }
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + ticket, Map.of()));
    }

    /**
     * Several nodes: the test builds a second node's ticket service beside the server's, sharing what nodes share (the
     * sealing key in the database and the database itself) and nothing else (its own memory).
     */
    LiveTickets otherNode() {
        return new LiveTickets(
                java.time.Clock.systemUTC(),
                config.ticketTtl(),
                config.resumeTicketTtl(),
                20,
                seal,
                redemptions,
                endedSignIns);
    }

    @Inject
    EndedSignIns endedSignIns;

    /** A grant as a ticket from a token of no particular sign-in session carries it. */
    static LiveTickets.Grant grant(String subject, String name, Optional<Instant> tokenExpiry) {
        return new LiveTickets.Grant(subject, name, Set.of("user"), tokenExpiry, Optional.empty(), Optional.empty());
    }

    /** The room of a live path, as tickets name it. */
    static String roomOf(String path) {
        return path.substring("/live/".length());
    }

    @Inject
    TicketSeal seal;

    @Inject
    DatabaseRedemptions redemptions;

    @Test
    void aTicketMintedByOneNodeIsAcceptedOnceByAnotherAndRefusedEverywhereAfter() {
        String path = room();
        LiveTickets other = otherNode();
        // minted by the other node, redeemed by this server's handshake ...
        String minted = other.issue(grant("alice", "Alice", Optional.empty())).ticket();
        try (LiveClient alice = connect(path, minted)) {
            alice.next("snapshot");
        }
        // ... and then refused by the node that minted it, and by this one
        assertEquals(
                Optional.empty(),
                other.redeem(minted, roomOf(path)).toCompletableFuture().join());
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + minted, Map.of()));

        // minted by this server, redeemed by the other node first: refused here
        String ours = ticket("bob");
        assertEquals(
                "bob",
                other.redeem(ours, roomOf(path))
                        .toCompletableFuture()
                        .join()
                        .orElseThrow()
                        .subject());
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + ours, Map.of()));
    }

    /**
     * Redemptions that arrive together are written together (DatabaseRedemptions): racing callers, some with one
     * shared id, some with their own, still let each id through exactly once.
     */
    @Test
    void racingRedemptionsLetEachIdThroughExactlyOnce() throws Exception {
        byte[] shared = new byte[16];
        new SecureRandom().nextBytes(shared);
        Instant until = Instant.now().plusSeconds(60);
        int threads = 24;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<boolean[]>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    byte[] own = new byte[16];
                    new SecureRandom().nextBytes(own);
                    start.await();
                    boolean a = redemptions
                            .first(shared, until)
                            .toCompletableFuture()
                            .join();
                    boolean b =
                            redemptions.first(own, until).toCompletableFuture().join();
                    boolean c =
                            redemptions.first(own, until).toCompletableFuture().join();
                    return new boolean[] {a, b, c};
                }));
            }
            start.countDown();
            int sharedFirsts = 0;
            for (Future<boolean[]> f : outcomes) {
                boolean[] o = f.get(60, TimeUnit.SECONDS);
                sharedFirsts += o[0] ? 1 : 0;
                assertTrue(o[1], "a fresh id is let through");
                assertFalse(o[2], "an id is let through once");
            }
            assertEquals(1, sharedFirsts, "one of the racing redemptions of one id wins");
            assertFalse(redemptions.first(shared, until).toCompletableFuture().join());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTicketSealedWithAnotherKeyOrAlteredIsRefused() {
        String path = room();
        byte[] foreignKey = new byte[32];
        new SecureRandom().nextBytes(foreignKey);
        LiveTickets foreign = new LiveTickets(
                java.time.Clock.systemUTC(),
                config.ticketTtl(),
                config.resumeTicketTtl(),
                20,
                new TicketSeal(foreignKey),
                redemptions,
                endedSignIns);
        String forged = foreign.issue(grant("alice", "Alice", Optional.empty())).ticket();
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + forged, Map.of()));
        String genuine = ticket("alice");
        char last = genuine.charAt(genuine.length() / 2);
        String altered = genuine.substring(0, genuine.length() / 2)
                + (last == 'A' ? 'B' : 'A')
                + genuine.substring(genuine.length() / 2 + 1);
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + altered, Map.of()));
        try (LiveClient alice = connect(path, genuine)) {
            alice.next("snapshot"); // the alteration did not use the genuine ticket up
        }
    }

    @Test
    void garbageEmptyAndExpiredTicketsAre401() {
        String path = room();
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=not-a-ticket", Map.of()));
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=", Map.of()));
        // minted from a token that has already expired: the ticket expires with it
        LiveTickets.Issued expired =
                tickets.issue(grant("alice", "alice", Optional.of(Instant.now().minusSeconds(1))));
        assertEquals(401, LiveClient.refusal(base, path + "?ticket=" + expired.ticket(), Map.of()));
    }

    @Test
    void aRefusedTicketIsNotRescuedByABearerHeader() {
        String path = room();
        assertEquals(
                401,
                LiveClient.refusal(
                        base, path + "?ticket=not-a-ticket", Map.of("Authorization", Tokens.bearer("alice"))));
    }

    @Test
    void anonymousCallersGetNoTicket() {
        given().when()
                .post("/api/live/tickets")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.required"));
        given().header("Authorization", "Bearer not.a.token")
                .when()
                .post("/api/live/tickets")
                .then()
                .statusCode(401);
    }

    @Test
    void anAccountHoldsAtMostTheCapOfUnusedTickets() {
        String user = "ticket-hoarder";
        int max = config.maxTicketsPerAccount();
        String first = null;
        for (int i = 0; i < max; i++) {
            String t = ticket(user);
            first = first == null ? t : first;
        }
        given().header("Authorization", Tokens.bearer(user))
                .when()
                .post("/api/live/tickets")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("live.too-many-tickets"))
                .body("status", equalTo(429))
                .body("max", equalTo(max));
        // other accounts are not affected
        assertEquals(201, mint("bob").statusCode());
        // using one frees its place (the handshake consumes it; the hub then refuses the unknown room)
        try (LiveClient hoarder = connect("/live/sessions/999999999", first)) {
            assertEquals("session.not-found", hoarder.next("error").get("code").asText());
            assertEquals(4404, hoarder.awaitClose());
        }
        assertEquals(201, mint(user).statusCode());
        assertEquals(429, mint(user).statusCode());
    }

    @Test
    void aTicketJoinedConnectionIsToldWhenTheOriginalTokenExpires() {
        String path = room();
        // whole seconds, like a token's exp; the hub's once-a-second sweep tells the client 1-2 s early
        Instant tokenExpiry = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        LiveTickets.Issued issued = tickets.issue(grant("bob", "Bob", Optional.of(tokenExpiry)));
        assertEquals(tokenExpiry, issued.expiresAt(), "a ticket never outlives its token");
        try (LiveClient bob = connect(path, issued.ticket())) {
            assertEquals("Bob", bob.next("snapshot").at("/you/name").asText());
            assertEquals("auth.expired", bob.next("error").get("code").asText());
            assertEquals(4001, bob.awaitClose());
        }
    }

    @Test
    void ticketsAreOnlyReadOnLivePaths() {
        String ticket = ticket("alice");
        // a REST call is authenticated by OIDC only: the ticket is neither accepted nor consumed there
        given().queryParam("ticket", ticket)
                .when()
                .get("/api/me/registrations")
                .then()
                .statusCode(401);
        given().header("Authorization", Tokens.bearer("alice"))
                .queryParam("ticket", "not-a-ticket")
                .when()
                .get("/api/me/registrations")
                .then()
                .statusCode(200);
        try (LiveClient alice = connect(room(), ticket)) {
            assertEquals("alice", alice.next("snapshot").at("/you/subject").asText());
        }
    }
}
