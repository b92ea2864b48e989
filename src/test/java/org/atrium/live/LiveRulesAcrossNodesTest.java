package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atrium.cluster.ClusterChannel;
import org.atrium.support.Fixtures;
import org.atrium.support.OtherNode;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A room's writer keeps its rules (banned words, session times) between batches. With several nodes, a change made
 * through one node must reach the writers of the others: this test plays the other node with its own database
 * connection.
 */
@QuarkusTest
class LiveRulesAcrossNodesTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    ClusterChannel channel;

    LiveSocketTest.Setup room() {
        return LiveSocketTest.room(fixtures);
    }

    @Test
    void bannedWordsChangedOnAnotherNodeAreAppliedHereAtTheNextMessage() throws Exception {
        LiveSocketTest.Setup s = room();
        try (LiveClient alice = LiveClient.connect(base, s.path(), "alice");
                OtherNode other = OtherNode.connect()) {
            alice.next("snapshot");
            assertEquals("ack", post(alice, "c1", "no spoiler yet"));
            alice.next("chat.posted");
            // the other node commits new banned words and its notification, as BannedWordsResource does there
            other.jdbc().setAutoCommit(false);
            try (PreparedStatement insert = other.jdbc()
                    .prepareStatement("insert into live_banned_word (event_id, word) values (?, 'spoiler')")) {
                insert.setLong(1, s.event().id);
                insert.executeUpdate();
            }
            other.notifyAs("other-node:1", "room-rules", Long.toString(s.event().id));
            other.jdbc().commit();
            Instant deadline = Instant.now().plusSeconds(20);
            int attempt = 2;
            String answer;
            do {
                answer = post(alice, "c" + attempt++, "a spoiler now");
                if ("ack".equals(answer)) {
                    alice.next("chat.posted");
                    Thread.sleep(50); // the notification is on its way
                }
            } while (!"chat.banned-word".equals(answer) && Instant.now().isBefore(deadline));
            assertEquals("chat.banned-word", answer);
        }
    }

    @Test
    void bannedWordsChangedHereAreAnnouncedInTheirTransaction() throws Exception {
        LiveSocketTest.Setup s = room();
        try (OtherNode other = OtherNode.connect()) {
            other.listen();
            io.restassured.RestAssured.given()
                    .header("Authorization", Tokens.bearer("organiser"))
                    .contentType("application/json")
                    .body("{\"words\":[\"Spoiler\"]}")
                    .put("/api/events/" + s.event().slug + "/banned-words")
                    .then()
                    .statusCode(200);
            String expected = channel.node() + "\nroom-rules\n" + s.event().id;
            List<String> received = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (!received.contains(expected) && Instant.now().isBefore(deadline)) {
                received.addAll(other.poll());
            }
            assertTrue(received.contains(expected), received.toString());
        }
    }

    @Test
    void anotherNodesReactionsAndTalliesReachTheMembersHereWithinTheTick() throws Exception {
        LiveSocketTest.Setup s = room();
        String key = "session:" + s.session().id;
        try (LiveClient alice = LiveClient.connect(base, s.path(), "alice");
                OtherNode other = OtherNode.connect()) {
            alice.next("snapshot");
            String tick = "{\"rooms\":[{\"room\":\"" + key + "\",\"counts\":[2,0,0,0,1],\"polls\":["
                    + "{\"restricted\":true,\"frame\":\"{\\\"type\\\":\\\"poll.results\\\",\\\"pollId\\\":78}\"},"
                    + "{\"restricted\":false,\"frame\":\"{\\\"type\\\":\\\"poll.results\\\",\\\"pollId\\\":77}\"}]}]}";
            other.notifyAs("other-node:1", "tick", tick);
            JsonNode reactions = null;
            JsonNode results = null;
            Instant deadline = Instant.now().plusSeconds(20);
            while ((reactions == null || results == null) && Instant.now().isBefore(deadline)) {
                JsonNode f = alice.poll(1);
                if (f == null) {
                    continue;
                }
                switch (f.path("type").asText()) {
                    case "reactions" -> reactions = f;
                    case "poll.results" -> {
                        assertEquals(77, f.get("pollId").asInt(), "a restricted tally is for moderators only");
                        results = f;
                    }
                    default -> {}
                }
            }
            assertEquals(2, reactions.path("counts").path("applause").asInt(), String.valueOf(reactions));
            assertEquals(1, reactions.path("counts").path("cant-hear").asInt());
            assertEquals(77, results.get("pollId").asInt());
            assertTrue(
                    alice.drain(500).stream().noneMatch(f -> f.path("pollId").asInt() == 78),
                    "the restricted tally never reaches a participant");
        }
    }

    @Test
    void reactionsCountedHereAreAnnouncedToTheOtherNodes() throws Exception {
        LiveSocketTest.Setup s = room();
        String key = "session:" + s.session().id;
        try (LiveClient alice = LiveClient.connect(base, s.path(), "alice");
                OtherNode other = OtherNode.connect()) {
            alice.next("snapshot");
            other.listen();
            alice.send("{\"type\":\"reaction.send\",\"reaction\":\"heart\"}");
            Instant deadline = Instant.now().plusSeconds(20);
            long hearts = 0;
            while (hearts == 0 && Instant.now().isBefore(deadline)) {
                for (String n : other.poll()) {
                    String[] parts = n.split("\n", 3);
                    if (parts.length == 3 && parts[0].equals(channel.node()) && parts[1].equals("tick")) {
                        for (JsonNode room : new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(parts[2])
                                .path("rooms")) {
                            if (room.path("room").asText().equals(key)) {
                                hearts += room.path("counts").get(1).asLong();
                            }
                        }
                    }
                }
            }
            assertEquals(1, hearts);
        }
    }

    /** Slow mode counts an account's line wherever it was taken: one line per interval across the cluster. */
    @Test
    void slowModeHoldsForALineTheAccountPostedThroughAnotherNode() throws Exception {
        LiveSocketTest.Setup s = room();
        try (LiveClient speaker = LiveClient.connect(base, s.path(), "speaker");
                LiveClient alice = LiveClient.connect(base, s.path(), "alice");
                OtherNode other = OtherNode.connect()) {
            speaker.next("snapshot");
            alice.next("snapshot");
            speaker.command("{\"type\":\"room.configure\",\"ref\":\"s1\",\"slowModeSeconds\":600}");
            alice.next("room.updated");
            speaker.next("room.updated");
            // alice's connection on the other node: its writer stored her line there a moment ago
            try (PreparedStatement insert = other.jdbc()
                    .prepareStatement("insert into live_chat (room, author, author_name, text, created_at)"
                            + " values (?, 'alice', 'Alice', 'said on the other node', now())")) {
                insert.setString(1, "session:" + s.session().id);
                insert.executeUpdate();
            }
            assertEquals("chat.slow-mode", post(alice, "c1", "and here at once"));
            // the speaker (a moderator) is exempt, and a line of another account does not count for alice's
            assertEquals("ack", post(speaker, "m1", "moderators are exempt"));
        }
    }

    private static String post(LiveClient client, String ref, String text) {
        var reply = client.command("{\"type\":\"chat.post\",\"ref\":\"" + ref + "\",\"text\":\"" + text + "\"}");
        return "ack".equals(reply.get("type").asText())
                ? "ack"
                : reply.get("code").asText();
    }
}
