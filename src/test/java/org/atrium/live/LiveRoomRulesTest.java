package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveRoomRulesTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    LiveSocketTest.Setup room() {
        return LiveSocketTest.room(fixtures);
    }

    LiveClient join(LiveSocketTest.Setup s, String user) {
        LiveClient c = LiveClient.connect(base, s.path(), user);
        c.next("snapshot");
        return c;
    }

    @Test
    void qaFollowsTheScheduleAndAClosedQaStaysReadableAndAnswerable() {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession later = fixtures.session(
                event,
                null,
                "Tomorrow",
                now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1).plusHours(1)));
        fixtures.addSpeaker(later, fixtures.speaker(event, "Sam", "speaker"), SessionSpeaker.Role.MODERATOR);
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        String path = "/live/sessions/" + later.id;
        try (LiveClient spk = LiveClient.connect(base, path, "speaker");
                LiveClient alice = LiveClient.connect(base, path, "alice")) {
            assertFalse(spk.next("snapshot").at("/settings/qaOpen").asBoolean());
            assertEquals("auto", alice.next("snapshot").at("/settings/qaMode").asText());
            assertEquals(
                    "qa.closed",
                    alice.command("{\"type\":\"question.ask\",\"ref\":\"a\",\"text\":\"early?\"}")
                            .get("code")
                            .asText());
            spk.command("{\"type\":\"qa.open\",\"ref\":\"o\"}");
            assertTrue(alice.next("room.updated").at("/settings/qaOpen").asBoolean());
            spk.next("room.updated");
            alice.command("{\"type\":\"question.ask\",\"ref\":\"b\",\"text\":\"now?\"}");
            long id = alice.next("question.asked").at("/question/id").asLong();
            spk.next("question.asked");
            spk.command("{\"type\":\"qa.close\",\"ref\":\"c\"}");
            assertFalse(alice.next("room.updated").at("/settings/qaOpen").asBoolean());
            spk.next("room.updated");
            assertEquals(
                    "qa.closed",
                    alice.command(LiveSocketTest.vote("v", id)).get("code").asText());
            assertEquals(
                    "ack",
                    spk.command("{\"type\":\"question.reply\",\"ref\":\"r\",\"questionId\":" + id
                                    + ",\"text\":\"later in writing\"}")
                            .get("type")
                            .asText());
            assertEquals(
                    "later in writing",
                    alice.next("question.replied").at("/reply/text").asText());
        }
    }

    @Test
    void authorsEditAndWithdrawOnlyTheirOwnPendingQuestionsAndAsksAreRateLimited() {
        LiveSocketTest.Setup s = room();
        try (LiveClient spk = join(s, "speaker");
                LiveClient alice = join(s, "alice");
                LiveClient bob = join(s, "bob")) {
            spk.command("{\"type\":\"room.configure\",\"ref\":\"pm\",\"premoderation\":true}");
            for (LiveClient c : List.of(spk, alice, bob)) {
                c.next("room.updated");
            }
            alice.command("{\"type\":\"question.ask\",\"ref\":\"q\",\"text\":\"Typo quesiton\"}");
            long id = alice.next("question.asked").at("/question/id").asLong();
            spk.next("question.asked");
            assertEquals(
                    "forbidden",
                    bob.command("{\"type\":\"question.edit\",\"ref\":\"e\",\"questionId\":" + id
                                    + ",\"text\":\"hijack\"}")
                            .get("code")
                            .asText());
            alice.command(
                    "{\"type\":\"question.edit\",\"ref\":\"e1\",\"questionId\":" + id + ",\"text\":\"Typo question\"}");
            assertEquals(
                    "Typo question",
                    alice.next("question.updated").at("/question/text").asText());
            assertEquals("edit", spk.next("question.updated").get("action").asText());
            spk.command("{\"type\":\"question.approve\",\"ref\":\"ap\",\"questionId\":" + id + "}");
            alice.next("question.updated");
            bob.next("question.updated");
            spk.next("question.updated");
            assertEquals(
                    "question.not-pending",
                    alice.command("{\"type\":\"question.withdraw\",\"ref\":\"w\",\"questionId\":" + id + "}")
                            .get("code")
                            .asText());
            spk.command("{\"type\":\"question.dismiss\",\"ref\":\"d\",\"questionId\":" + id + "}");
            assertEquals(
                    "dismissed",
                    bob.next("question.updated").at("/question/state").asText());
            alice.next("question.updated");
            spk.next("question.updated");
            spk.command("{\"type\":\"question.restore\",\"ref\":\"r\",\"questionId\":" + id + "}");
            assertEquals(
                    "visible",
                    bob.next("question.updated").at("/question/state").asText());
            alice.next("question.updated");
            spk.next("question.updated");

            // asks-per-minute is 10; the ask, the edit and the refused withdraw above used 3 (counted when received)
            for (int i = 0; i < 7; i++) {
                assertEquals(
                        "ack",
                        alice.command("{\"type\":\"question.ask\",\"ref\":\"n" + i + "\",\"text\":\"q" + i + "\"}")
                                .get("type")
                                .asText());
                alice.next("question.asked");
                spk.next("question.asked");
            }
            JsonNode limited = alice.command("{\"type\":\"question.ask\",\"ref\":\"n9\",\"text\":\"one more\"}");
            assertEquals("question.rate-limited", limited.get("code").asText());
            assertEquals(10, limited.get("perMinute").asInt());
        }
    }

    @Test
    void eventChannelCarriesOrganiserAnnouncements() {
        LiveSocketTest.Setup s = room();
        String path = "/live/events/" + s.event().slug;
        try (LiveClient org = LiveClient.connect(base, path, "organiser");
                LiveClient alice = LiveClient.connect(base, path, "alice")) {
            assertEquals(0, org.next("snapshot").get("announcements").size());
            alice.next("snapshot");
            assertEquals(
                    "forbidden",
                    alice.command("{\"type\":\"announcement.post\",\"ref\":\"x\",\"text\":\"hi all\"}")
                            .get("code")
                            .asText());
            assertEquals(
                    "message.unknown-type",
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"y\",\"text\":\"hi\"}")
                            .get("code")
                            .asText());
            org.command("{\"type\":\"announcement.post\",\"ref\":\"a1\",\"text\":\"Keynote in 5 minutes\"}");
            JsonNode a = alice.next("announcement.posted");
            assertEquals(1, a.get("seq").asLong());
            assertEquals("Keynote in 5 minutes", a.at("/announcement/text").asText());
            org.next("announcement.posted");

            io.restassured.RestAssured.given()
                    .header("Authorization", Tokens.bearer("organiser"))
                    .delete("/api/events/" + s.event().slug + "/sessions/" + s.session().id)
                    .then()
                    .statusCode(200);
            JsonNode changed = alice.next("session.changed");
            assertEquals(2, changed.get("seq").asLong());
            assertEquals(s.session().id.longValue(), changed.get("sessionId").asLong());
            assertEquals("cancelled", changed.get("change").asText());
            assertEquals(changed, org.next("session.changed"));
        }
        try (LiveClient carol = LiveClient.connect(base, path, "carol")) {
            assertEquals("live.not-admitted", carol.next("error").get("code").asText());
            assertEquals(4403, carol.awaitClose());
        }
        try (LiveClient bob = LiveClient.connect(base, path, "bob")) {
            JsonNode snap = bob.next("snapshot");
            assertEquals(2, snap.get("seq").asLong());
            assertEquals(
                    "Keynote in 5 minutes", snap.at("/announcements/0/text").asText());
        }
    }

    @Test
    void aNinthConnectionOfOneAccountIsRefusedWith4429() {
        LiveSocketTest.Setup s = room();
        List<LiveClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                open.add(join(s, "bob"));
            }
            try (LiveClient ninth = LiveClient.connect(base, s.path(), "bob")) {
                assertEquals(
                        "live.too-many-connections",
                        ninth.next("error").get("code").asText());
                assertEquals(4429, ninth.awaitClose());
            }
            open.remove(0).close();
            // the slot is given back once the server has seen the close
            LiveClient again = null;
            for (int attempt = 0; attempt < 50 && again == null; attempt++) {
                LiveClient c = LiveClient.connect(base, s.path(), "bob");
                JsonNode first = c.next();
                if (first.get("type").asText().equals("snapshot")) {
                    again = c;
                } else {
                    c.awaitClose();
                    c.close();
                    sleep(100);
                }
            }
            assertTrue(again != null, "a freed slot can be used again");
            open.add(again);
        } finally {
            open.forEach(LiveClient::close);
        }
    }

    @Test
    void aClientDroppedWithoutCloseHandshakeResumesWithExactlyWhatItMissed() throws Exception {
        LiveSocketTest.Setup s = room();
        long seen;
        try (LiveClient alice = join(s, "alice")) {
            try (RawSocket bob = new RawSocket(base, s.path(), Tokens.bearer("bob"))) {
                assertTrue(bob.readText().contains("\"snapshot\""));
                bob.sendText("{\"type\":\"chat.post\",\"ref\":\"b1\",\"text\":\"before the tunnel\"}");
                String ack = nextNonPresence(bob);
                assertTrue(ack.contains("\"ack\""), ack);
                JsonNode posted = LiveClient.JSON.readTree(nextNonPresence(bob));
                seen = posted.get("seq").asLong();
                assertEquals(1, seen);
                alice.next("chat.posted");
            } // reset, no close frame
            for (int i = 1; i <= 3; i++) {
                alice.command("{\"type\":\"chat.post\",\"ref\":\"a" + i + "\",\"text\":\"while away " + i + "\"}");
                alice.next("chat.posted");
            }
        }
        try (LiveClient bob = LiveClient.connect(base, s.path() + "?since=" + seen, "bob")) {
            for (int i = 1; i <= 3; i++) {
                JsonNode f = bob.next("chat.posted");
                assertEquals(seen + i, f.get("seq").asLong());
                assertEquals("while away " + i, f.at("/message/text").asText());
            }
            // a retry of the message sent just before the drop is not stored twice
            JsonNode retry = bob.command("{\"type\":\"chat.post\",\"ref\":\"b1\",\"text\":\"before the tunnel\"}");
            assertEquals(1, retry.get("seq").asLong());
            assertEquals(List.of(), bob.drain(300));
        }
    }

    /**
     * Issue 11: a merge is owned by the duplicate's author, and its {@code into} embeds the target question; when the
     * target was asked anonymously, the duplicate's author was sent the full rendering (the asker's name), live and on
     * every resume. Only organisers and the asker see an anonymous author, in every event and every replay.
     */
    @Test
    void anAnonymousAskerStaysHiddenFromTheAuthorOfAQuestionMergedIntoTheirsLiveAndOnResume() {
        LiveSocketTest.Setup s = room();
        fixtures.registration(s.event(), "frieda", Registration.State.CONFIRMED, null);
        long target;
        long duplicate;
        long mergeSeq;
        try (LiveClient spk = join(s, "speaker");
                LiveClient org = join(s, "organiser");
                LiveClient alice = join(s, "alice");
                LiveClient bob = join(s, "bob");
                LiveClient frieda = join(s, "frieda")) {
            List<LiveClient> all = List.of(spk, org, alice, bob, frieda);
            alice.command("{\"type\":\"question.ask\",\"ref\":\"a\",\"text\":\"Who pays?\",\"anonymous\":true}");
            List<JsonNode> first = new ArrayList<>();
            all.forEach(c -> first.add(c.next("question.asked")));
            target = first.get(0).at("/question/id").asLong();
            bob.command("{\"type\":\"question.ask\",\"ref\":\"b\",\"text\":\"Who pays for it?\"}");
            List<JsonNode> asked = new ArrayList<>();
            all.forEach(c -> asked.add(c.next("question.asked")));
            duplicate = asked.get(0).at("/question/id").asLong();
            spk.command("{\"type\":\"question.merge\",\"ref\":\"m\",\"questionId\":" + duplicate + ",\"into\":" + target
                    + "}");
            JsonNode forBob = bob.next("question.merged");
            mergeSeq = forBob.get("seq").asLong();
            assertEquals(target, forBob.at("/into/id").asLong());
            assertTrue(forBob.at("/into/anonymous").asBoolean());
            assertTrue(forBob.at("/into/author").isNull(), "the duplicate's author: " + forBob);
            assertTrue(frieda.next("question.merged").at("/into/author").isNull());
            assertTrue(spk.next("question.merged").at("/into/author").isNull(), "speakers do not see it either");
            assertEquals(
                    "alice",
                    alice.next("question.merged").at("/into/author/subject").asText());
            assertEquals(
                    "alice",
                    org.next("question.merged").at("/into/author/subject").asText());

            // the merged question lives on as the target: pinning it sends it whole again
            spk.command("{\"type\":\"question.pin\",\"ref\":\"p\",\"questionId\":" + target + "}");
            assertTrue(bob.next("question.updated").at("/question/author").isNull());
            assertTrue(frieda.next("question.updated").at("/question/author").isNull());
            assertEquals(
                    "alice",
                    alice.next("question.updated")
                            .at("/question/author/subject")
                            .asText());
            assertEquals(
                    "alice",
                    org.next("question.updated").at("/question/author/subject").asText());
            spk.next("question.updated");
        }
        // the stored events are replayed on a resume: the same rule applies to them
        for (String user : List.of("bob", "frieda", "alice", "organiser", "speaker")) {
            try (LiveClient c = LiveClient.connect(base, s.path() + "?since=" + (mergeSeq - 1), user)) {
                JsonNode merged = c.next("question.merged");
                assertEquals(mergeSeq, merged.get("seq").asLong());
                JsonNode pinned = c.next("question.updated");
                boolean shown = user.equals("alice") || user.equals("organiser");
                for (JsonNode author : List.of(merged.at("/into/author"), pinned.at("/question/author"))) {
                    if (shown) {
                        assertEquals("alice", author.path("subject").asText(), user + " on resume");
                    } else {
                        assertTrue(author.isNull(), user + " on resume: " + merged);
                    }
                }
            }
        }
        try (LiveClient bob = LiveClient.connect(base, s.path(), "bob")) {
            JsonNode snapshot = bob.next("snapshot");
            assertEquals(target, snapshot.at("/questions/0/id").asLong());
            assertTrue(snapshot.at("/questions/0/author").isNull());
        }
    }

    // The writer keeps a room's rules (settings, mutes, banned words, session times) between batches; the three tests
    // below change each kind from outside the room right after a batch has used the kept ones.

    @Test
    void bannedWordsSetAfterAChatLineApplyToTheNextOne() {
        LiveSocketTest.Setup s = room();
        try (LiveClient alice = join(s, "alice")) {
            assertEquals(
                    "ack",
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"c1\",\"text\":\"no spoiler yet\"}")
                            .get("type")
                            .asText());
            alice.next("chat.posted");
            io.restassured.RestAssured.given()
                    .header("Authorization", Tokens.bearer("organiser"))
                    .contentType("application/json")
                    .body("{\"words\":[\"Spoiler\"]}")
                    .put("/api/events/" + s.event().slug + "/banned-words")
                    .then()
                    .statusCode(200);
            assertEquals(
                    "chat.banned-word",
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"c2\",\"text\":\"a spoiler now\"}")
                            .get("code")
                            .asText());
        }
    }

    @Test
    void anEventWideMuteInOneRoomReachesTheEventsOtherRooms() {
        LiveSocketTest.Setup s = room();
        Instant now = Instant.now();
        ConferenceSession other = fixtures.session(
                s.event(), null, "Side room", now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(55)));
        String otherPath = "/live/sessions/" + other.id;
        try (LiveClient org = join(s, "organiser");
                LiveClient bob = LiveClient.connect(base, otherPath, "bob")) {
            bob.next("snapshot");
            bob.command("{\"type\":\"chat.post\",\"ref\":\"b1\",\"text\":\"hello side room\"}");
            bob.next("chat.posted");
            assertEquals(
                    "ack",
                    org.command("{\"type\":\"member.mute\",\"ref\":\"m\",\"subject\":\"bob\",\"scope\":\"event\"}")
                            .get("type")
                            .asText());
            assertEquals(
                    "member.muted",
                    bob.command("{\"type\":\"chat.post\",\"ref\":\"b2\",\"text\":\"still here?\"}")
                            .get("code")
                            .asText());
        }
    }

    @Test
    void aSessionMovedAwayClosesItsScheduledQa() {
        LiveSocketTest.Setup s = room();
        try (LiveClient alice = join(s, "alice")) {
            assertEquals(
                    "ack",
                    alice.command("{\"type\":\"question.ask\",\"ref\":\"q1\",\"text\":\"while it runs\"}")
                            .get("type")
                            .asText());
            alice.next("question.asked");
            String sessions = "/api/events/" + s.event().slug + "/sessions/" + s.session().id;
            long version = io.restassured.RestAssured.given()
                    .header("Authorization", Tokens.bearer("organiser"))
                    .get(sessions)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("version");
            io.restassured.RestAssured.given()
                    .header("Authorization", Tokens.bearer("organiser"))
                    .contentType("application/json")
                    .body("{\"title\":\"Demining drones\",\"start\":\"2027-05-12T10:00:00+04:00\","
                            + "\"end\":\"2027-05-12T11:00:00+04:00\",\"version\":" + version + "}")
                    .put(sessions)
                    .then()
                    .statusCode(200);
            assertEquals(
                    "qa.closed",
                    alice.command("{\"type\":\"question.ask\",\"ref\":\"q2\",\"text\":\"after the move\"}")
                            .get("code")
                            .asText());
        }
    }

    @Test
    void idleConnectionsArePingedByTheHub() throws Exception {
        LiveSocketTest.Setup s = room();
        // the test profile pings every 2 s; the raw socket gives up after 20 s without a frame
        try (RawSocket bob = new RawSocket(base, s.path(), Tokens.bearer("bob"))) {
            int opcode;
            do {
                opcode = bob.readFrame().opcode();
            } while (opcode == 1);
            assertEquals(9, opcode);
        }
    }

    @Test
    void aFrameSentRightAfterTheUpgradeIsAnsweredAfterTheSnapshot() throws Exception {
        LiveSocketTest.Setup s = room();
        try (RawSocket bob = new RawSocket(base, s.path(), Tokens.bearer("bob"))) {
            // sent before the server has admitted the connection and read its snapshot
            bob.sendText("{\"type\":\"chat.post\",\"ref\":\"early\",\"text\":\"first!\"}");
            String first = bob.readText();
            assertTrue(first.contains("\"snapshot\""), first);
            String joined = bob.readText();
            assertTrue(joined.startsWith("{\"type\":\"resume\""), joined); // the join is complete
            JsonNode ack = LiveClient.JSON.readTree(nextNonPresence(bob));
            assertEquals("ack", ack.get("type").asText(), ack.toString());
            assertEquals("early", ack.get("ref").asText());
        }
    }

    /** The next frame other than presence and the resume frame that ends a join. */
    private static String nextNonPresence(RawSocket socket) throws Exception {
        while (true) {
            String t = socket.readText();
            if (!t.contains("\"presence\"") && !t.startsWith("{\"type\":\"resume\"")) {
                return t;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
