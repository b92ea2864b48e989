package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

/**
 * Polls on the socket: one vote per account, votes only while open and in the poll's own room, vote changes as the
 * poll allows, and hidden tallies and voters never reaching participants (live, in snapshots, in replays).
 */
@QuarkusTest
class PollSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    PollTimer timer;

    @Inject
    EntityManager em;

    record Setup(Event event, ConferenceSession session, String path) {}

    Setup room() {
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
        return new Setup(event, session, "/live/sessions/" + session.id);
    }

    /** A live client that keeps every frame it read (presence aside), so a test can look back at all of them. */
    static final class Peer implements AutoCloseable {
        final LiveClient client;
        final List<JsonNode> seen = new ArrayList<>();

        Peer(LiveClient client) {
            this.client = client;
        }

        JsonNode next() {
            JsonNode f = client.next();
            seen.add(f);
            return f;
        }

        JsonNode next(String type) {
            JsonNode f = next();
            assertEquals(type, f.path("type").asText(), f::toString);
            return f;
        }

        void send(String frame) {
            client.send(frame);
        }

        /** Sends a command and reads on to its answer (ack or error with the command's ref). */
        JsonNode command(String frame) {
            String ref = LiveClient.JSON.valueToTree(parse(frame)).path("ref").asText(null);
            client.send(frame);
            while (true) {
                JsonNode f = next();
                String type = f.path("type").asText();
                if ((type.equals("ack") || type.equals("error"))
                        && (ref == null || ref.equals(f.path("ref").asText(null)))) {
                    return f;
                }
            }
        }

        private static JsonNode parse(String frame) {
            try {
                return LiveClient.JSON.readTree(frame);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    Peer join(Setup s, String user) {
        Peer c = new Peer(LiveClient.connect(base, s.path(), user));
        c.next("snapshot");
        return c;
    }

    /** A draft made over REST by the session's speaker; {@code extra} is more JSON fields. */
    long draft(Setup s, String kind, String extra) {
        String body = "{\"kind\":\"" + kind + "\",\"question\":\"Which tool first?\"" + extra + "}";
        return given().header("Authorization", Tokens.bearer("speaker"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/events/" + s.event().slug + "/sessions/" + s.session().id + "/polls")
                .then()
                .statusCode(201)
                .body("state", equalTo("draft"))
                .extract()
                .jsonPath()
                .getLong("id");
    }

    static String choice(long poll, String ref, int... choices) {
        StringBuilder c = new StringBuilder();
        for (int i : choices) {
            c.append(c.length() == 0 ? "" : ",").append(i);
        }
        return "{\"type\":\"poll.vote\",\"ref\":\"" + ref + "\",\"pollId\":" + poll + ",\"choices\":[" + c + "]}";
    }

    static String launch(long poll) {
        return "{\"type\":\"poll.launch\",\"ref\":\"launch-" + poll + "\",\"pollId\":" + poll + "}";
    }

    static String close(long poll) {
        return "{\"type\":\"poll.close\",\"ref\":\"close-" + poll + "\",\"pollId\":" + poll + "}";
    }

    /** Frames up to and including the first of {@code type}. */
    static List<JsonNode> until(Peer c, String type) {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode f = c.next();
            seen.add(f);
            if (f.path("type").asText().equals(type)) {
                return seen;
            }
        }
    }

    /** The first poll.results frame of this poll with {@code voters} voters (earlier ticks may show fewer). */
    static JsonNode resultsWith(Peer c, long poll, int voters) {
        while (true) {
            JsonNode f = c.next();
            if (f.path("type").asText().equals("poll.results")
                    && f.path("pollId").asLong() == poll
                    && f.path("voters").asInt() == voters) {
                return f;
            }
        }
    }

    /** The first poll.results frame of this poll with these counts (ticks in between may show earlier tallies). */
    static JsonNode resultsShowing(Peer c, long poll, String counts) {
        while (true) {
            JsonNode f = c.next();
            if (f.path("type").asText().equals("poll.results")
                    && f.path("pollId").asLong() == poll
                    && f.path("counts").toString().equals(counts)) {
                return f;
            }
        }
    }

    static String code(JsonNode frame) {
        assertEquals("error", frame.path("type").asText(), frame::toString);
        return frame.path("code").asText();
    }

    @Test
    void oneVotePerAccountLiveTallyAndNoVoteAfterClose() {
        Setup s = room();
        long poll = draft(s, "single", ",\"options\":[\"Drones\",\"Dogs\",\"Rakes\"],\"correct\":[1]");
        try (Peer speaker = join(s, "speaker");
                Peer alice = join(s, "alice");
                Peer bob = join(s, "bob")) {
            assertEquals("forbidden", code(alice.command(launch(poll))));
            assertEquals("ack", speaker.command(launch(poll)).path("type").asText());
            JsonNode launched = alice.next("poll.launched");
            assertEquals("open", launched.at("/poll/state").asText());
            assertTrue(launched.at("/poll/tally").isMissingNode(), "no tally at launch");
            assertTrue(launched.at("/poll/quiz").asBoolean());
            assertTrue(launched.at("/poll/correct").isMissingNode(), "a quiz's answer waits for the close");
            assertEquals("poll.not-draft", code(speaker.command(launch(poll).replace("launch-", "again-"))));

            assertEquals(
                    "ack", alice.command(choice(poll, "v1", 1)).path("type").asText());
            JsonNode voted = alice.next("poll.voted");
            assertEquals(1, voted.at("/vote/choices/0").asInt());
            assertEquals("poll.already-voted", code(alice.command(choice(poll, "v2", 0))));
            assertEquals("poll.invalid-choice", code(bob.command(choice(poll, "b0", 3))));
            assertEquals("poll.invalid-choice", code(bob.command(choice(poll, "b0", 0, 0))));
            assertEquals("poll.too-many-choices", code(bob.command(choice(poll, "b0", 0, 1))));
            assertEquals("ack", bob.command(choice(poll, "b1", 1)).path("type").asText());

            // live results: participants see the tally once per tick; every vote counted once
            JsonNode tally = resultsWith(bob, poll, 2);
            assertEquals("[0,2,0]", tally.get("counts").toString());

            assertEquals("ack", speaker.command(close(poll)).path("type").asText());
            JsonNode closed = until(alice, "poll.closed").getLast();
            assertEquals("closed", closed.at("/poll/state").asText());
            assertEquals("[0,2,0]", closed.at("/poll/tally/counts").toString());
            assertEquals(2, closed.at("/poll/tally/voters").asInt());
            assertEquals("[1]", closed.at("/poll/correct").toString());
            until(bob, "poll.closed");
            assertEquals("poll.closed", code(bob.command(choice(poll, "late", 0))));
            List<JsonNode> bobsVotes = bob.seen.stream()
                    .filter(f -> f.path("type").asText().equals("poll.voted"))
                    .toList();
            assertEquals(1, bobsVotes.size(), bob.seen::toString);
            assertEquals("poll.not-open", code(speaker.command(close(poll).replace("close-", "again-"))));
        }
        // a launched poll is no draft any more
        given().header("Authorization", Tokens.bearer("speaker"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"text\",\"question\":\"Changed?\"}")
                .put("/api/events/" + s.event().slug + "/polls/" + poll)
                .then()
                .statusCode(409)
                .body("code", equalTo("poll.not-draft"));
        assertEquals(
                2L,
                QuarkusTransaction.requiringNew()
                        .call(() -> ((Number)
                                        em.createNativeQuery("select count(*) from live_poll_vote where poll_id = ?1")
                                                .setParameter(1, poll)
                                                .getSingleResult())
                                .longValue()));
    }

    @Test
    void aPollOfAnotherRoomIsNotFound() {
        Setup s = room();
        Setup other = room();
        long foreign = draft(other, "rating", ",\"scale\":5");
        try (Peer speaker = join(other, "speaker")) {
            speaker.command(launch(foreign));
        }
        try (Peer alice = join(s, "alice");
                Peer speaker = join(s, "speaker")) {
            assertEquals(
                    "poll.not-found",
                    code(alice.command(
                            "{\"type\":\"poll.vote\",\"ref\":\"x\",\"pollId\":" + foreign + ",\"rating\":3}")));
            assertEquals("poll.not-found", code(speaker.command(close(foreign))));
        }
    }

    @Test
    void aVoteChangesOnlyWhereThePollAllowsIt() {
        Setup s = room();
        long changeable = draft(s, "multiple", ",\"options\":[\"A\",\"B\",\"C\"],\"maxChoices\":2,\"changeable\":true");
        long fixed = draft(s, "rating", ",\"scale\":10");
        try (Peer speaker = join(s, "speaker");
                Peer alice = join(s, "alice")) {
            speaker.command(launch(changeable));
            speaker.command(launch(fixed));
            assertEquals(
                    "ack",
                    alice.command(choice(changeable, "c1", 0, 1)).path("type").asText());
            assertEquals(
                    "ack",
                    alice.command(choice(changeable, "c2", 2)).path("type").asText());
            // the first vote's event may still be on its way: the change is the second poll.voted
            while (alice.seen.stream()
                            .filter(f -> f.path("type").asText().equals("poll.voted"))
                            .count()
                    < 2) {
                alice.next();
            }
            JsonNode changed = alice.seen.stream()
                    .filter(f -> f.path("type").asText().equals("poll.voted"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertTrue(changed.path("changed").asBoolean(), changed::toString);
            assertEquals(
                    1,
                    resultsShowing(speaker, changeable, "[0,0,1]").get("voters").asInt());

            String rate = "{\"type\":\"poll.vote\",\"ref\":\"r1\",\"pollId\":" + fixed + ",\"rating\":10}";
            assertEquals("ack", alice.command(rate).path("type").asText());
            assertEquals(
                    "poll.already-voted",
                    code(alice.command(rate.replace("r1", "r2").replace(":10}", ":3}"))));
            assertEquals(
                    "poll.invalid-choice",
                    code(speaker.command(rate.replace("r1", "s1").replace(":10}", ":11}"))));
            JsonNode r = resultsWith(speaker, fixed, 1);
            assertEquals(1, r.get("counts").get(9).asInt());
        }
    }

    @Test
    void hiddenTallyAndAnonymousVotersReachNoParticipantLiveInSnapshotOrReplay() {
        Setup s = room();
        long poll = draft(s, "single", ",\"options\":[\"Yes\",\"No\"],\"results\":\"closed\",\"anonymous\":true");
        long secret = draft(s, "single", ",\"options\":[\"Yes\",\"No\"],\"results\":\"moderators\"");
        long lastSeq;
        try (Peer speaker = join(s, "speaker");
                Peer alice = join(s, "alice");
                Peer bob = join(s, "bob")) {
            speaker.command(launch(poll));
            speaker.command(launch(secret));
            assertEquals(
                    "ack", alice.command(choice(poll, "a1", 0)).path("type").asText());
            assertEquals(
                    "ack", alice.command(choice(secret, "a2", 1)).path("type").asText());
            assertEquals("ack", bob.command(choice(poll, "b1", 0)).path("type").asText());
            // the moderators see the tally move, and alice's vote without her name
            assertEquals("[2,0]", resultsWith(speaker, poll, 2).get("counts").toString());
            List<JsonNode> votes = speaker.seen.stream()
                    .filter(f -> f.path("type").asText().equals("poll.voted"))
                    .toList();
            assertFalse(votes.isEmpty(), speaker.seen::toString);
            assertFalse(votes.toString().contains("alice"), votes::toString);
            assertFalse(votes.toString().contains("Alice"), votes::toString);

            // a participant's snapshot has no hidden tally and no voters, only its own answer
            try (LiveClient late = LiveClient.connect(base, s.path(), "bob")) {
                JsonNode snap = late.next("snapshot");
                for (JsonNode p : snap.get("polls")) {
                    assertTrue(p.path("tally").isMissingNode(), snap::toString);
                }
                assertEquals(
                        "[{\"choices\":[0],\"pollId\":" + poll + "}]",
                        snap.get("myPollVotes").toString());
                assertFalse(snap.toString().contains("alice"), snap::toString);
            }
            // the moderator's snapshot has them
            try (LiveClient mod = LiveClient.connect(base, s.path(), "speaker")) {
                JsonNode snap = mod.next("snapshot");
                assertEquals(2, snap.at("/polls/0/tally/voters").asInt(), snap::toString);
                assertFalse(snap.toString().contains("alice"), snap::toString);
            }
            // a participant's replay from the start: launches and its own vote, no tally, nobody else's vote
            try (LiveClient replay = LiveClient.connect(base, s.path() + "?since=0", "bob")) {
                List<JsonNode> frames = new ArrayList<>();
                JsonNode f;
                while ((f = replay.poll(2)) != null) {
                    frames.add(f);
                }
                assertTrue(
                        frames.stream().anyMatch(x -> x.path("type").asText().equals("poll.launched")),
                        frames::toString);
                long replayedVotes = frames.stream()
                        .filter(x -> x.path("type").asText().equals("poll.voted"))
                        .count();
                assertEquals(1, replayedVotes, frames::toString);
                assertTrue(
                        frames.stream().noneMatch(x -> x.path("type").asText().equals("poll.results")),
                        frames::toString);
                assertTrue(frames.stream().noneMatch(x -> x.has("tally")), frames::toString);
            }
            assertEquals("ack", speaker.command(close(poll)).path("type").asText());
            assertEquals("ack", speaker.command(close(secret)).path("type").asText());
            // bob got no tally before the close, and the close reveals it; the moderators-only poll stays hidden
            List<JsonNode> beforeClose = new ArrayList<>(bob.seen);
            beforeClose.addAll(until(bob, "poll.closed"));
            assertTrue(
                    beforeClose.stream().noneMatch(x -> x.path("type").asText().equals("poll.results")),
                    beforeClose::toString);
            assertEquals("[2,0]", beforeClose.getLast().at("/poll/tally/counts").toString());
            JsonNode secretClosed = until(bob, "poll.closed").getLast();
            assertTrue(secretClosed.at("/poll/tally").isMissingNode(), secretClosed::toString);
            lastSeq = secretClosed.get("seq").asLong();
        }
        // replayed after the close: the revealed tally, still no moderators-only one
        try (LiveClient replay = LiveClient.connect(base, s.path() + "?since=" + (lastSeq - 2), "alice")) {
            JsonNode revealed = replay.next("poll.closed");
            assertEquals("[2,0]", revealed.at("/poll/tally/counts").toString());
            JsonNode hidden = replay.next("poll.closed");
            assertTrue(hidden.at("/poll/tally").isMissingNode(), hidden::toString);
        }
    }

    @Test
    void aTimedPollClosesFromItsStoredTime() {
        Setup s = room();
        long poll = draft(s, "text", ",\"durationSeconds\":600");
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"words\":[\"spoiler\"]}")
                .put("/api/events/" + s.event().slug + "/banned-words")
                .then()
                .statusCode(200);
        try (Peer speaker = join(s, "speaker");
                Peer alice = join(s, "alice");
                Peer bob = join(s, "bob")) {
            speaker.command(launch(poll));
            // the event's banned words apply to answers as to chat, whatever their case or width
            assertEquals(
                    "poll.banned-word",
                    code(bob.command("{\"type\":\"poll.vote\",\"ref\":\"b1\",\"pollId\":" + poll
                            + ",\"text\":\"big ＳＰＯＩＬＥＲ\"}")));
            assertEquals(
                    "ack",
                    bob.command("{\"type\":\"poll.vote\",\"ref\":\"b2\",\"pollId\":" + poll + ",\"text\":\"rubbish\"}")
                            .path("type")
                            .asText());
            assertEquals(
                    "forbidden",
                    code(alice.command("{\"type\":\"poll.hide-word\",\"ref\":\"h0\",\"pollId\":" + poll
                            + ",\"word\":\"rubbish\"}")));
            assertEquals(
                    "ack",
                    speaker.command("{\"type\":\"poll.hide-word\",\"ref\":\"h1\",\"pollId\":" + poll
                                    + ",\"word\":\"Rubbish\"}")
                            .path("type")
                            .asText());
            assertEquals(
                    "rubbish",
                    until(bob, "poll.word-hidden").getLast().path("word").asText());
            assertEquals(
                    "ack",
                    alice.command("{\"type\":\"poll.vote\",\"ref\":\"t1\",\"pollId\":" + poll
                                    + ",\"text\":\"Clear SKIES, clear!\"}")
                            .path("type")
                            .asText());
            // as after a restart: nothing in memory knows the timer, only the stored closes_at (moved to the past)
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery(
                                    "update live_poll set closes_at = now() - interval '1 second' where id = ?1")
                            .setParameter(1, poll)
                            .executeUpdate());
            timer.closeDue();
            JsonNode closed = until(alice, "poll.closed").getLast();
            assertEquals("closed", closed.at("/poll/state").asText());
            assertEquals(
                    "[{\"word\":\"clear\",\"count\":1},{\"word\":\"skies\",\"count\":1}]",
                    closed.at("/poll/tally/words").toString());
            timer.closeDue(); // found no more: closed once
            assertEquals(
                    "poll.closed",
                    code(alice.command(
                            "{\"type\":\"poll.vote\",\"ref\":\"t2\",\"pollId\":" + poll + ",\"text\":\"late\"}")));
        }
    }

    @Test
    void reactionsAreCountedPerTickAndLimitedPerConnection() {
        Setup s = room();
        try (Peer speaker = join(s, "speaker");
                Peer alice = join(s, "alice")) {
            alice.send("{\"type\":\"reaction.send\",\"reaction\":\"applause\"}");
            alice.send("{\"type\":\"reaction.send\",\"reaction\":\"applause\"}");
            alice.send("{\"type\":\"reaction.send\",\"reaction\":\"cant-hear\"}");
            long applause = 0;
            long cantHear = 0;
            while (applause < 2 || cantHear < 1) {
                JsonNode f = speaker.next("reactions");
                applause += f.at("/counts/applause").asLong();
                cantHear += f.at("/counts/cant-hear").asLong();
            }
            assertEquals(2, applause);
            assertEquals(1, cantHear);
            assertEquals(
                    "message.invalid-field", code(alice.command("{\"type\":\"reaction.send\",\"reaction\":\"boo\"}")));
            // 40 in a burst: far more than 10 a second on one connection
            for (int i = 0; i < 40; i++) {
                alice.send("{\"type\":\"reaction.send\",\"reaction\":\"heart\"}");
            }
            JsonNode refused;
            do {
                refused = alice.next();
            } while (!refused.path("type").asText().equals("error"));
            assertEquals("reaction.rate-limited", refused.path("code").asText());
        }
    }

    @Test
    void organisersPollTheEventChannel() {
        Setup s = room();
        long poll = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"rating\",\"question\":\"How was day one?\",\"scale\":5}")
                .post("/api/events/" + s.event().slug + "/polls")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        given().header("Authorization", Tokens.bearer("speaker"))
                .get("/api/events/" + s.event().slug + "/polls")
                .then()
                .statusCode(403);
        String channel = "/live/events/" + s.event().slug;
        try (Peer org = new Peer(LiveClient.connect(base, channel, "organiser"));
                Peer alice = new Peer(LiveClient.connect(base, channel, "alice"))) {
            org.next("snapshot");
            alice.next("snapshot");
            assertEquals("forbidden", code(alice.command(launch(poll))));
            assertEquals("ack", org.command(launch(poll)).path("type").asText());
            String rate = "{\"type\":\"poll.vote\",\"ref\":\"e1\",\"pollId\":" + poll + ",\"rating\":4}";
            assertEquals("ack", alice.command(rate).path("type").asText());
            assertEquals(
                    "[0,0,0,1,0]", resultsWith(alice, poll, 1).get("counts").toString());
        }
        // the channel's poll is not a session room's
        try (Peer alice = join(s, "alice")) {
            assertEquals(
                    "poll.not-found",
                    code(alice.command(
                            "{\"type\":\"poll.vote\",\"ref\":\"e2\",\"pollId\":" + poll + ",\"rating\":4}")));
        }
    }
}
