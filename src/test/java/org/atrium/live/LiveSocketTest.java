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
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    /** A published event with a session running now: "speaker" speaks, alice and bob are confirmed, carol is not. */
    record Setup(Event event, ConferenceSession session, String path) {}

    Setup room() {
        return room(fixtures);
    }

    /** The room of {@link Setup}, for the other live tests. */
    static Setup room(Fixtures fixtures) {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event,
                fixtures.room(event, "Main Stage", null),
                "Demining drones",
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofMinutes(55)));
        fixtures.addSpeaker(session, fixtures.speaker(event, "Sam Speaker", "speaker"), SessionSpeaker.Role.SPEAKER);
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        fixtures.registration(event, "bob", Registration.State.CONFIRMED, null);
        fixtures.registration(event, "carol", Registration.State.PENDING, null);
        return new Setup(event, session, "/live/sessions/" + session.id);
    }

    LiveClient join(Setup s, String user) {
        LiveClient c = LiveClient.connect(base, s.path(), user);
        c.next("snapshot");
        return c;
    }

    @Test
    void upgradeWithoutTokenIs401AndForeignOriginIs403() {
        Setup s = room();
        assertEquals(401, LiveClient.refusal(base, s.path(), Map.of()));
        assertEquals(
                403,
                LiveClient.refusal(
                        base,
                        s.path(),
                        Map.of("Authorization", Tokens.bearer("alice"), "Origin", "https://evil.example")));
    }

    @Test
    void unregisteredAccountIsToldAndClosedWith4403() {
        Setup s = room();
        try (LiveClient carol = LiveClient.connect(base, s.path(), "carol")) {
            JsonNode error = carol.next("error");
            assertEquals("live.not-admitted", error.get("code").asText());
            assertEquals(4403, carol.awaitClose());
        }
    }

    @Test
    void unknownSessionIsClosedWith4404() {
        try (LiveClient alice = LiveClient.connect(base, "/live/sessions/999999999", "alice")) {
            assertEquals("session.not-found", alice.next("error").get("code").asText());
            assertEquals(4404, alice.awaitClose());
        }
    }

    @Test
    void organiserSpeakerAndParticipantJoinWithTheirRoles() {
        Setup s = room();
        try (LiveClient org = LiveClient.connect(base, s.path(), "organiser");
                LiveClient spk = LiveClient.connect(base, s.path(), "speaker");
                LiveClient alice = LiveClient.connect(base, s.path(), "alice")) {
            JsonNode o = org.next("snapshot");
            assertTrue(o.at("/you/moderator").asBoolean());
            assertTrue(o.at("/you/organiser").asBoolean());
            JsonNode sp = spk.next("snapshot");
            assertTrue(sp.at("/you/moderator").asBoolean());
            assertFalse(sp.at("/you/organiser").asBoolean());
            JsonNode a = alice.next("snapshot");
            assertFalse(a.at("/you/moderator").asBoolean());
            assertEquals("join", a.get("reason").asText());
            assertEquals(0, a.get("seq").asLong());
            assertEquals("Demining drones", a.at("/room/title").asText());
            assertEquals("Main Stage", a.at("/room/venue").asText());
            assertEquals(
                    "https://meet.example.org/main-stage", a.at("/room/joinUrl").asText());
            assertTrue(a.at("/settings/qaOpen").asBoolean());
            assertEquals(0, a.get("questions").size());
        }
    }

    @Test
    void browserSubProtocolCarriesTheToken() {
        Setup s = room();
        try (LiveClient alice = LiveClient.connect(
                base,
                s.path(),
                Map.of("Origin", "http://" + base.getHost() + ":" + base.getPort()),
                List.of("atrium.live.v1", "quarkus-http-upgrade#Authorization#" + Tokens.bearer("alice")))) {
            assertEquals("alice", alice.next("snapshot").at("/you/subject").asText());
        }
    }

    @Test
    void askVoteUnvoteOneVotePerAccountAndSnapshot() {
        Setup s = room();
        try (LiveClient alice = join(s, "alice");
                LiveClient bob = join(s, "bob")) {
            JsonNode ack = alice.command("{\"type\":\"question.ask\",\"ref\":\"a1\",\"text\":\"How deep?\"}");
            assertEquals("ack", ack.get("type").asText());
            assertEquals("a1", ack.get("ref").asText());
            long seq = ack.get("seq").asLong();
            assertEquals(1, seq);
            JsonNode asked = alice.next("question.asked");
            assertEquals(1, asked.get("seq").asLong());
            assertEquals("How deep?", asked.at("/question/text").asText());
            assertEquals("alice", asked.at("/question/author/subject").asText());
            assertEquals(asked, bob.next("question.asked"));
            long id = asked.at("/question/id").asLong();

            assertEquals("ack", bob.command(vote("b1", id)).get("type").asText());
            assertEquals(1, alice.next("question.voted").get("votes").asInt());
            assertEquals(1, bob.next("question.voted").get("votes").asInt());
            JsonNode again = bob.command(vote("b2", id));
            assertEquals("question.already-voted", again.get("code").asText());
            assertEquals("b2", again.get("ref").asText());
            assertEquals("ack", alice.command(vote("a2", id)).get("type").asText());
            assertEquals(2, bob.next("question.voted").get("votes").asInt());
            assertEquals(
                    "ack",
                    bob.command("{\"type\":\"question.unvote\",\"ref\":\"b3\",\"questionId\":" + id + "}")
                            .get("type")
                            .asText());
            assertEquals(1, bob.next("question.voted").get("votes").asInt());
            assertEquals(
                    "question.not-voted",
                    bob.command("{\"type\":\"question.unvote\",\"ref\":\"b4\",\"questionId\":" + id + "}")
                            .get("code")
                            .asText());
        }
        try (LiveClient bob = LiveClient.connect(base, s.path(), "bob")) {
            JsonNode snap = bob.next("snapshot");
            assertEquals(4, snap.get("seq").asLong());
            assertEquals(1, snap.get("questions").size());
            assertEquals(1, snap.at("/questions/0/votes").asInt());
            assertEquals("visible", snap.at("/questions/0/state").asText());
            assertEquals(0, snap.get("myVotes").size());
        }
    }

    static String vote(String ref, long id) {
        return "{\"type\":\"question.vote\",\"ref\":\"" + ref + "\",\"questionId\":" + id + "}";
    }

    @Test
    void retryWithSameRefIsStoredOnceAndGetsTheOriginalAck() {
        Setup s = room();
        try (LiveClient alice = join(s, "alice")) {
            JsonNode first = alice.command("{\"type\":\"chat.post\",\"ref\":\"r-1\",\"text\":\"hello\"}");
            alice.next("chat.posted");
            JsonNode second = alice.command("{\"type\":\"chat.post\",\"ref\":\"r-1\",\"text\":\"hello\"}");
            assertEquals(first, second);
            assertEquals(List.of(), alice.drain(300));
            JsonNode third = alice.command("{\"type\":\"chat.post\",\"ref\":\"r-2\",\"text\":\"again\"}");
            assertEquals(first.get("seq").asLong() + 1, third.get("seq").asLong());
        }
    }

    @Test
    void aRefResentOnANewConnectionAfterItsAckWasLostIsStoredOnceAndAckedWithItsSeq() {
        // what js/live.js does after a break: the line was stored but its ack went down with the old socket, so the
        // client sends it again with the same ref once the new connection is live
        Setup s = room();
        String line = "{\"type\":\"chat.post\",\"ref\":\"lost-ack\",\"text\":\"only once\"}";
        JsonNode first;
        try (LiveClient alice = join(s, "alice")) {
            first = alice.command(line);
            assertEquals("ack", first.get("type").asText());
        }
        try (LiveClient alice = join(s, "alice")) {
            JsonNode again = alice.command(line);
            assertEquals(first, again);
            assertEquals(List.of(), alice.drain(300));
        }
        try (LiveClient bob = LiveClient.connect(base, s.path(), "bob")) {
            JsonNode chat = bob.next("snapshot").get("chat");
            assertEquals(1, chat.size());
            assertEquals("only once", chat.get(0).get("text").asText());
        }
    }

    @Test
    void pingIsAnsweredWithItsRefAndStoresNothing() {
        // js/live.js knows a resume has caught up when the pong with its probe's ref comes back
        Setup s = room();
        try (LiveClient alice = join(s, "alice")) {
            long before = alice.command("{\"type\":\"chat.post\",\"ref\":\"a\",\"text\":\"one\"}")
                    .get("seq")
                    .asLong();
            alice.next("chat.posted");
            alice.send("{\"type\":\"ping\",\"ref\":\"p1\"}");
            JsonNode pong = alice.next();
            assertEquals("pong", pong.get("type").asText());
            assertEquals("p1", pong.get("ref").asText());
            alice.send("{\"type\":\"ping\"}");
            assertEquals(List.of("type"), List.copyOf(iterable(alice.next().fieldNames())));
            long after = alice.command("{\"type\":\"chat.post\",\"ref\":\"b\",\"text\":\"two\"}")
                    .get("seq")
                    .asLong();
            assertEquals(before + 1, after);
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void badFramesGetErrorsWithTheirRefAndTheConnectionStaysOpen() {
        Setup s = room();
        Setup other = room();
        long foreign;
        try (LiveClient bob = join(other, "organiser")) {
            bob.command("{\"type\":\"question.ask\",\"ref\":\"x\",\"text\":\"elsewhere\"}");
            foreign = bob.next("question.asked").at("/question/id").asLong();
        }
        try (LiveClient alice = join(s, "alice")) {
            assertEquals(
                    "json.malformed", alice.command("{not json").get("code").asText());
            JsonNode unknown = alice.command("{\"type\":\"question.shout\",\"ref\":\"u1\"}");
            assertEquals("message.unknown-type", unknown.get("code").asText());
            assertEquals("u1", unknown.get("ref").asText());
            JsonNode missing = alice.command("{\"type\":\"question.vote\",\"ref\":\"m1\"}");
            assertEquals("message.missing-field", missing.get("code").asText());
            assertEquals("questionId", missing.get("field").asText());
            assertEquals("m1", missing.get("ref").asText());
            assertEquals(
                    "message.missing-field",
                    alice.command("{\"type\":\"chat.post\",\"text\":\"no ref\"}")
                            .get("code")
                            .asText());
            JsonNode forbidden = alice.command("{\"type\":\"question.pin\",\"ref\":\"f1\",\"questionId\":1}");
            assertEquals("forbidden", forbidden.get("code").asText());
            JsonNode elsewhere = alice.command(vote("o1", foreign));
            assertEquals("question.not-found", elsewhere.get("code").asText());
            assertEquals("o1", elsewhere.get("ref").asText());
            String tooLong = "x".repeat(1001);
            assertEquals(
                    "text.too-long",
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"t1\",\"text\":\"" + tooLong + "\"}")
                            .get("code")
                            .asText());
            // nothing was stored, and the connection still works
            JsonNode ok = alice.command("{\"type\":\"chat.post\",\"ref\":\"ok\",\"text\":\"still here\"}");
            assertEquals(1, ok.get("seq").asLong());
        }
    }

    @Test
    void binaryFrameCloses1003() {
        Setup s = room();
        try (LiveClient alice = join(s, "alice")) {
            alice.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, alice.awaitClose());
        }
    }

    @Test
    void oversizedFrameCloses1009() {
        Setup s = room();
        try (LiveClient alice = join(s, "alice")) {
            alice.send("{\"type\":\"chat.post\",\"ref\":\"big\",\"text\":\"" + "y".repeat(20_000) + "\"}");
            assertEquals(1009, alice.awaitClose());
        }
    }

    @Test
    void premoderatedQuestionReachesOnlyItsAuthorAndModeratorsUntilApproved() {
        Setup s = room();
        try (LiveClient spk = join(s, "speaker");
                LiveClient org = join(s, "organiser");
                LiveClient alice = join(s, "alice");
                LiveClient bob = join(s, "bob")) {
            assertEquals(
                    "ack",
                    spk.command("{\"type\":\"room.configure\",\"ref\":\"s1\",\"premoderation\":true}")
                            .get("type")
                            .asText());
            for (LiveClient c : List.of(spk, org, alice, bob)) {
                assertTrue(c.next("room.updated").at("/settings/premoderation").asBoolean());
            }
            alice.command("{\"type\":\"question.ask\",\"ref\":\"q\",\"text\":\"Anonymous worry\",\"anonymous\":true}");
            JsonNode own = alice.next("question.asked");
            assertEquals("pending", own.at("/question/state").asText());
            assertEquals("alice", own.at("/question/author/subject").asText());
            JsonNode forSpeaker = spk.next("question.asked");
            assertTrue(forSpeaker.at("/question/author").isNull(), "speakers do not see anonymous authors");
            JsonNode forOrganiser = org.next("question.asked");
            assertEquals("alice", forOrganiser.at("/question/author/subject").asText());
            long id = own.at("/question/id").asLong();
            assertEquals(List.of(), bob.drain(300));
            try (LiveClient bob2 = LiveClient.connect(base, s.path(), "bob")) {
                assertEquals(0, bob2.next("snapshot").get("questions").size());
            }

            spk.command("{\"type\":\"question.approve\",\"ref\":\"s2\",\"questionId\":" + id + "}");
            JsonNode approved = bob.next("question.updated");
            assertEquals("approve", approved.get("action").asText());
            assertEquals("visible", approved.at("/question/state").asText());
            assertTrue(approved.at("/question/author").isNull());
            assertEquals("Anonymous worry", approved.at("/question/text").asText());
        }
    }

    @Test
    void pinAnswerReplyAndMergeCountEachVoterOnce() {
        Setup s = room();
        try (LiveClient spk = join(s, "speaker");
                LiveClient alice = join(s, "alice");
                LiveClient bob = join(s, "bob")) {
            long q1 = ask(alice, spk, bob, "a1", "What about rain?");
            long q2 = ask(bob, spk, alice, "b1", "Does rain matter?");
            // alice votes both, bob votes q2 only: merged total must be 2, not 3
            for (String[] v :
                    List.of(new String[] {"alice", "v1", "" + q1}, new String[] {"alice", "v2", "" + q2}, new String[] {
                        "bob", "v3", "" + q2
                    })) {
                LiveClient c = v[0].equals("alice") ? alice : bob;
                assertEquals(
                        "ack",
                        c.command(vote(v[1], Long.parseLong(v[2]))).get("type").asText());
                alice.next("question.voted");
                bob.next("question.voted");
                spk.next("question.voted");
            }
            spk.command("{\"type\":\"question.merge\",\"ref\":\"m\",\"questionId\":" + q2 + ",\"into\":" + q1 + "}");
            JsonNode merged = alice.next("question.merged");
            assertEquals(q2, merged.get("questionId").asLong());
            assertEquals(q1, merged.at("/into/id").asLong());
            assertEquals(2, merged.at("/into/votes").asInt());
            bob.next("question.merged");
            spk.next("question.merged");

            spk.command("{\"type\":\"question.pin\",\"ref\":\"p\",\"questionId\":" + q1 + "}");
            assertTrue(bob.next("question.updated").at("/question/pinned").asBoolean());
            spk.next("question.updated");
            spk.command(
                    "{\"type\":\"question.reply\",\"ref\":\"r\",\"questionId\":" + q1 + ",\"text\":\"Rain is fine\"}");
            JsonNode reply = bob.next("question.replied");
            spk.next("question.replied");
            assertEquals("Rain is fine", reply.at("/reply/text").asText());
            assertEquals("speaker", reply.at("/reply/author/subject").asText());
            // a speaker answers under the programme's name for them, not the token's ("Speaker")
            assertEquals("Sam Speaker", reply.at("/reply/author/name").asText());
            spk.command("{\"type\":\"question.answer\",\"ref\":\"an\",\"questionId\":" + q1 + "}");
            JsonNode answered = bob.next("question.updated");
            assertEquals("answered", answered.at("/question/state").asText());
            assertFalse(answered.at("/question/pinned").asBoolean());
        }
        try (LiveClient bob = LiveClient.connect(base, s.path(), "bob")) {
            JsonNode snap = bob.next("snapshot");
            assertEquals(1, snap.get("questions").size());
            assertEquals(2, snap.at("/questions/0/votes").asInt());
            assertEquals("Rain is fine", snap.at("/questions/0/replies/0/text").asText());
            assertEquals(
                    "Sam Speaker", snap.at("/questions/0/replies/0/author/name").asText());
            assertEquals(1, snap.get("myVotes").size());
        }
        io.restassured.RestAssured.given()
                .header("Authorization", Tokens.bearer("speaker"))
                .get("/api/events/" + s.event().slug + "/sessions/" + s.session().id + "/questions.json")
                .then()
                .statusCode(200)
                .body("[0].replies[0].author", org.hamcrest.Matchers.equalTo("Sam Speaker"));
    }

    private static long ask(LiveClient author, LiveClient x, LiveClient y, String ref, String text) {
        author.command("{\"type\":\"question.ask\",\"ref\":\"" + ref + "\",\"text\":\"" + text + "\"}");
        long id = author.next("question.asked").at("/question/id").asLong();
        x.next("question.asked");
        y.next("question.asked");
        return id;
    }

    @Test
    void chatSlowModeBannedWordsAndMute() {
        Setup s = room();
        io.restassured.RestAssured.given()
                .header("Authorization", Tokens.bearer("organiser"))
                .contentType("application/json")
                .body("{\"words\":[\"Spoiler\"]}")
                .put("/api/events/" + s.event().slug + "/banned-words")
                .then()
                .statusCode(200);
        try (LiveClient spk = join(s, "speaker");
                LiveClient alice = join(s, "alice")) {
            JsonNode banned = alice.command("{\"type\":\"chat.post\",\"ref\":\"c1\",\"text\":\"big SPOILER ahead\"}");
            assertEquals("chat.banned-word", banned.get("code").asText());
            assertEquals(List.of(), spk.drain(200));

            spk.command("{\"type\":\"room.configure\",\"ref\":\"s1\",\"slowModeSeconds\":600}");
            alice.next("room.updated");
            spk.next("room.updated");
            assertEquals(
                    "ack",
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"c2\",\"text\":\"one\"}")
                            .get("type")
                            .asText());
            alice.next("chat.posted");
            JsonNode slow = spk.next("chat.posted");
            JsonNode second = alice.command("{\"type\":\"chat.post\",\"ref\":\"c3\",\"text\":\"two\"}");
            assertEquals("chat.slow-mode", second.get("code").asText());
            assertTrue(second.get("retryAfterSeconds").asLong() > 0);

            spk.command("{\"type\":\"chat.delete\",\"ref\":\"d\",\"messageId\":"
                    + slow.at("/message/id").asLong() + "}");
            assertEquals(
                    slow.at("/message/id").asLong(),
                    alice.next("chat.deleted").get("messageId").asLong());
            spk.next("chat.deleted");

            spk.command("{\"type\":\"member.mute\",\"ref\":\"mu\",\"subject\":\"alice\"}");
            assertEquals("alice", alice.next("member.muted").get("subject").asText());
            spk.next("member.muted");
            spk.command("{\"type\":\"room.configure\",\"ref\":\"s2\",\"slowModeSeconds\":0}");
            alice.next("room.updated");
            spk.next("room.updated");
            assertEquals(
                    "member.muted",
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"c4\",\"text\":\"let me\"}")
                            .get("code")
                            .asText());
            JsonNode eventWide =
                    spk.command("{\"type\":\"member.mute\",\"ref\":\"mu2\",\"subject\":\"bob\",\"scope\":\"event\"}");
            assertEquals("forbidden", eventWide.get("code").asText());
            spk.command("{\"type\":\"member.unmute\",\"ref\":\"un\",\"subject\":\"alice\"}");
            alice.next("member.unmuted");
            spk.next("member.unmuted");
            assertEquals(
                    "ack",
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"c5\",\"text\":\"thanks\"}")
                            .get("type")
                            .asText());
        }
    }

    @Test
    void resumeSinceGetsExactlyTheMissedEventsAndTooFarBehindGetsASnapshot() {
        Setup s = room();
        try (LiveClient alice = join(s, "alice")) {
            for (int i = 1; i <= 5; i++) {
                alice.command("{\"type\":\"chat.post\",\"ref\":\"m" + i + "\",\"text\":\"line " + i + "\"}");
                alice.next("chat.posted");
            }
        }
        try (LiveClient bob = LiveClient.connect(base, s.path() + "?since=2", "bob")) {
            List<Long> seqs = new ArrayList<>();
            for (int i = 3; i <= 5; i++) {
                JsonNode f = bob.next("chat.posted");
                seqs.add(f.get("seq").asLong());
                assertEquals("line " + i, f.at("/message/text").asText());
            }
            assertEquals(List.of(3L, 4L, 5L), seqs);
            bob.command("{\"type\":\"chat.post\",\"ref\":\"b\",\"text\":\"back\"}");
            assertEquals(6, bob.next("chat.posted").get("seq").asLong());
        }
        try (LiveClient bob = LiveClient.connect(base, s.path() + "?since=6", "bob")) {
            assertEquals(List.of(), bob.drain(300));
        }
        try (LiveClient bob = LiveClient.connect(base, s.path() + "?since=99", "bob")) {
            JsonNode snap = bob.next("snapshot");
            assertEquals("too-far-behind", snap.get("reason").asText());
            assertEquals(6, snap.get("seq").asLong());
            assertEquals(6, snap.get("chat").size());
        }
    }
}
