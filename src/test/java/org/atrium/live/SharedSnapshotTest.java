package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.atrium.registration.Registration;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The snapshot's shared part ({@link SharedSnapshot}) is read once per room and seq and served to every member whose
 * rights are the plain participant's: nothing a participant may not see (a pending question, an anonymous author,
 * another member's votes, a moderator's tallies) reaches them through it, whoever filled it, and it is not served once
 * the room has moved on. Each check first makes sure the join it looks at was served from the kept part (the same
 * object before and after), so these cannot pass by reading everything again.
 */
@QuarkusTest
class SharedSnapshotTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    LiveRooms rooms;

    LiveSocketTest.Setup room() {
        LiveSocketTest.Setup s = LiveSocketTest.room(fixtures);
        fixtures.registration(s.event(), "dave", Registration.State.CONFIRMED, null);
        fixtures.registration(s.event(), "erin", Registration.State.CONFIRMED, null);
        return s;
    }

    private LiveRoom live(LiveSocketTest.Setup s) {
        return rooms.room(LiveRoom.sessionKey(s.session().id), s.event().id, s.session().id);
    }

    /** The snapshot of a new connection of {@code user}; the connection is closed again. */
    private JsonNode snapshotOf(LiveSocketTest.Setup s, String user) {
        try (LiveClient c = LiveClient.connect(base, s.path(), user)) {
            return c.next("snapshot");
        }
    }

    private static List<String> texts(JsonNode snapshot) {
        List<String> out = new ArrayList<>();
        snapshot.get("questions").forEach(q -> out.add(q.get("text").asText()));
        return out;
    }

    @Test
    void pendingQuestionsAndAnonymousAuthorsStayOutOfOtherParticipantsSnapshots() {
        LiveSocketTest.Setup s = room();
        long pinned;
        try (LiveClient spk = LiveClient.connect(base, s.path(), "speaker");
                LiveClient alice = LiveClient.connect(base, s.path(), "alice")) {
            spk.next("snapshot");
            alice.next("snapshot");
            ack(
                    alice,
                    "{\"type\":\"question.ask\",\"ref\":\"q1\",\"text\":\"Anonymous and public\","
                            + "\"anonymous\":true}");
            pinned = alice.next("question.asked").at("/question/id").asLong();
            ack(spk, "{\"type\":\"question.pin\",\"ref\":\"p1\",\"questionId\":" + pinned + "}");
            ack(spk, "{\"type\":\"room.configure\",\"ref\":\"s1\",\"premoderation\":true}");
            ack(alice, "{\"type\":\"question.ask\",\"ref\":\"q2\",\"text\":\"Pending worry\",\"anonymous\":true}");
            try (LiveClient dave = LiveClient.connect(base, s.path(), "dave")) {
                dave.next("snapshot");
                ack(dave, "{\"type\":\"question.ask\",\"ref\":\"q3\",\"text\":\"Dave pending\"}");
            }
        }

        // an organiser fills the kept part (they see everything, in full)
        live(s).shared = null;
        JsonNode org = snapshotOf(s, "organiser");
        SharedSnapshot kept = live(s).shared;
        assertEquals(org.get("seq").asLong(), kept.seq);
        assertEquals(List.of("Anonymous and public", "Pending worry", "Dave pending"), texts(org));
        assertEquals("alice", org.at("/questions/0/author/subject").asText());
        assertEquals("alice", org.at("/questions/1/author/subject").asText());

        // a participant served from it: only the public question, its anonymous author hidden, the pin kept
        JsonNode bob = snapshotOf(s, "bob");
        assertSame(kept, live(s).shared, "bob's join was served from the kept part");
        assertEquals(List.of("Anonymous and public"), texts(bob));
        assertTrue(bob.at("/questions/0/author").isNull(), bob::toString);
        assertEquals(pinned, bob.get("pinned").asLong());
        assertFalse(bob.toString().contains("alice"), bob::toString);
        assertFalse(bob.toString().contains("Pending worry"), bob::toString);
        assertFalse(bob.toString().contains("Dave pending"), bob::toString);
        assertFalse(bob.toString().contains("dave"), bob::toString);
        assertFalse(bob.at("/you/moderator").asBoolean());
        assertEquals("bob", bob.at("/you/subject").asText());

        // the author sees her own pending and anonymous questions in full; not dave's pending one
        JsonNode alice = snapshotOf(s, "alice");
        assertSame(kept, live(s).shared);
        assertEquals(List.of("Anonymous and public", "Pending worry"), texts(alice));
        assertEquals("alice", alice.at("/questions/0/author/subject").asText());
        assertEquals("alice", alice.at("/questions/1/author/subject").asText());

        // a moderator who is not an organiser sees the pending ones, anonymous authors hidden
        JsonNode speaker = snapshotOf(s, "speaker");
        assertSame(kept, live(s).shared);
        assertEquals(List.of("Anonymous and public", "Pending worry", "Dave pending"), texts(speaker));
        assertTrue(speaker.at("/questions/0/author").isNull());
        assertTrue(speaker.at("/questions/1/author").isNull());
        assertEquals("dave", speaker.at("/questions/2/author/subject").asText());

        // dave sees his own pending question, not alice's
        JsonNode dave = snapshotOf(s, "dave");
        assertSame(kept, live(s).shared);
        assertEquals(List.of("Anonymous and public", "Dave pending"), texts(dave));
        assertTrue(dave.at("/questions/0/author").isNull());

        // and after all of them another participant still gets the participants' view
        JsonNode erin = snapshotOf(s, "erin");
        assertSame(kept, live(s).shared);
        assertEquals(bob.get("questions"), erin.get("questions"));
        assertEquals(bob.get("pinned"), erin.get("pinned"));
        assertEquals("erin", erin.at("/you/subject").asText());
    }

    @Test
    void aModeratorFillingTheKeptPartLeavesParticipantsTheirOwnPollView() {
        LiveSocketTest.Setup s = room();
        long poll = given().header("Authorization", Tokens.bearer("speaker"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"single\",\"question\":\"Which tool first?\",\"options\":[\"Drones\",\"Dogs\"],"
                        + "\"results\":\"moderators\"}")
                .post("/api/events/" + s.event().slug + "/sessions/" + s.session().id + "/polls")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        try (LiveClient spk = LiveClient.connect(base, s.path(), "speaker");
                LiveClient alice = LiveClient.connect(base, s.path(), "alice")) {
            spk.next("snapshot");
            alice.next("snapshot");
            ack(spk, PollSocketTest.launch(poll));
            ack(alice, PollSocketTest.choice(poll, "v1", 1));
        }
        live(s).shared = null;
        JsonNode speaker = snapshotOf(s, "speaker");
        SharedSnapshot kept = live(s).shared;
        assertTrue(speaker.at("/polls/0/tally").isObject(), speaker::toString);

        JsonNode bob = snapshotOf(s, "bob");
        assertSame(kept, live(s).shared, "bob's join was served from the kept part");
        assertTrue(bob.at("/polls/0/tally").isMissingNode(), bob::toString);
        assertEquals(0, bob.get("myPollVotes").size());

        JsonNode alice = snapshotOf(s, "alice");
        assertSame(kept, live(s).shared);
        assertTrue(alice.at("/polls/0/tally").isMissingNode());
        assertEquals(1, alice.get("myPollVotes").size());
        assertEquals(poll, alice.at("/myPollVotes/0/pollId").asLong());
        assertEquals(1, alice.at("/myPollVotes/0/choices/0").asInt());
    }

    @Test
    void votesArePerMemberAndANewSeqIsNeverServedTheOldPart() {
        LiveSocketTest.Setup s = room();
        long id;
        try (LiveClient alice = LiveClient.connect(base, s.path(), "alice")) {
            alice.next("snapshot");
            ack(alice, "{\"type\":\"question.ask\",\"ref\":\"q1\",\"text\":\"How deep?\"}");
            id = alice.next("question.asked").at("/question/id").asLong();
            ack(alice, LiveSocketTest.vote("v1", id));
        }
        JsonNode alice = snapshotOf(s, "alice");
        SharedSnapshot kept = live(s).shared;
        assertEquals(List.of(id), ids(alice.get("myVotes")));
        JsonNode bob = snapshotOf(s, "bob");
        assertSame(kept, live(s).shared, "bob's join was served from the kept part");
        assertEquals(List.of(), ids(bob.get("myVotes")));
        assertEquals(1, bob.at("/questions/0/votes").asInt());

        // the room moves on: the next join reads the new seq, with the new vote, chat line and question
        try (LiveClient b = LiveClient.connect(base, s.path(), "bob")) {
            b.next("snapshot");
            ack(b, LiveSocketTest.vote("v2", id));
            ack(b, "{\"type\":\"chat.post\",\"ref\":\"c1\",\"text\":\"Hello room\"}");
        }
        JsonNode dave = snapshotOf(s, "dave");
        assertNotSame(kept, live(s).shared, "a new seq is read, not served from the old part");
        assertEquals(alice.get("seq").asLong() + 2, dave.get("seq").asLong());
        assertEquals(2, dave.at("/questions/0/votes").asInt());
        assertEquals("Hello room", dave.at("/chat/0/text").asText());
        assertEquals(List.of(), ids(dave.get("myVotes")));
        JsonNode bobAgain = snapshotOf(s, "bob");
        assertEquals(List.of(id), ids(bobAgain.get("myVotes")));
        assertEquals(dave.get("seq"), bobAgain.get("seq"));
    }

    /**
     * Members joining at the same moment have their own rows read in shared statements: each still gets exactly their
     * own votes (twelve joins of four accounts at once, each with other votes).
     */
    @Test
    void membersJoiningTogetherEachGetTheirOwnVotes() throws Exception {
        LiveSocketTest.Setup s = room();
        long first;
        long second;
        try (LiveClient alice = LiveClient.connect(base, s.path(), "alice");
                LiveClient bob = LiveClient.connect(base, s.path(), "bob");
                LiveClient erin = LiveClient.connect(base, s.path(), "erin")) {
            alice.next("snapshot");
            bob.next("snapshot");
            erin.next("snapshot");
            ack(alice, "{\"type\":\"question.ask\",\"ref\":\"q1\",\"text\":\"How deep?\"}");
            first = alice.next("question.asked").at("/question/id").asLong();
            ack(bob, "{\"type\":\"question.ask\",\"ref\":\"q2\",\"text\":\"How wide?\"}");
            second = bob.next("question.asked").at("/question/id").asLong();
            ack(alice, LiveSocketTest.vote("v1", first));
            ack(bob, LiveSocketTest.vote("v2", second));
            ack(erin, LiveSocketTest.vote("v3", first));
            ack(erin, LiveSocketTest.vote("v4", second));
        }
        java.util.Map<String, List<Long>> expected = java.util.Map.of(
                "alice", List.of(first), "bob", List.of(second), "erin", List.of(first, second), "dave", List.of());
        List<java.util.concurrent.Callable<String>> joins = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String user : expected.keySet()) {
                joins.add(() -> {
                    List<Long> votes = ids(snapshotOf(s, user).get("myVotes"));
                    votes.sort(null);
                    return user + "=" + votes;
                });
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            for (var join : pool.invokeAll(joins)) {
                String[] answer = join.get().split("=");
                assertEquals(expected.get(answer[0]).toString(), answer[1], answer[0] + "'s votes");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends a command and reads on to its ack (room events in between are skipped); fails on an error. */
    private static JsonNode ack(LiveClient c, String frame) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"ref\":\"([^\"]+)\"").matcher(frame);
        assertTrue(m.find(), frame);
        String ref = m.group(1);
        c.send(frame);
        while (true) {
            JsonNode f = c.next();
            if (f.path("ref").asText().equals(ref)
                    && (f.path("type").asText().equals("ack")
                            || f.path("type").asText().equals("error"))) {
                assertEquals("ack", f.path("type").asText(), f::toString);
                return f;
            }
        }
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
