package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/** Poll results and engagement statistics of a session, and who may read them (names to organisers only). */
@QuarkusTest
class EngagementResourceTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    org.atrium.support.Fixtures fixtures;

    @Inject
    Reactions reactions;

    @Test
    void resultsNameVotersOnlyToOrganisersOfNamedPollsAndStatisticsAddUp() {
        PollSocketTest t = new PollSocketTest();
        t.base = base;
        t.fixtures = fixtures;
        PollSocketTest.Setup s = t.room();
        long named = t.draft(s, "single", ",\"options\":[\"=1+1\",\"Rakes\"],\"anonymous\":false");
        long anon = t.draft(s, "text", "");
        try (PollSocketTest.Peer speaker = t.join(s, "speaker");
                PollSocketTest.Peer alice = t.join(s, "alice");
                PollSocketTest.Peer bob = t.join(s, "bob")) {
            speaker.command(PollSocketTest.launch(named));
            speaker.command(PollSocketTest.launch(anon));
            assertEquals(
                    "ack",
                    alice.command(PollSocketTest.choice(named, "n1", 0))
                            .path("type")
                            .asText());
            assertEquals(
                    "ack",
                    bob.command(PollSocketTest.choice(named, "n2", 1))
                            .path("type")
                            .asText());
            assertEquals(
                    "ack",
                    alice.command("{\"type\":\"poll.vote\",\"ref\":\"w1\",\"pollId\":" + anon + ",\"text\":\"Hope\"}")
                            .path("type")
                            .asText());
            alice.send("{\"type\":\"reaction.send\",\"reaction\":\"applause\"}");
            alice.send("{\"type\":\"reaction.send\",\"reaction\":\"cant-hear\"}");
            long seen = 0;
            while (seen < 2) {
                var f = speaker.next();
                if (f.path("type").asText().equals("reactions")) {
                    seen += f.at("/counts/applause").asLong()
                            + f.at("/counts/cant-hear").asLong();
                }
            }
            reactions.flush();
        }
        String url = "/api/events/" + s.event().slug + "/sessions/" + s.session().id;
        JsonPath org = given().header("Authorization", Tokens.bearer("organiser"))
                .get(url + "/polls.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, org.getList("$").size());
        assertEquals(2, org.getInt("[0].voters"));
        assertEquals(java.util.List.of(1, 1), org.getList("[0].counts", Integer.class));
        assertEquals(java.util.List.of("Alice", "Bob"), org.getList("[0].votes.voter"));
        assertEquals("hope", org.getString("[1].words[0].word"));
        assertEquals(java.util.Collections.singletonList(null), org.getList("[1].votes.voter"));
        assertEquals("Hope", org.getString("[1].votes[0].text"));

        given().header("Authorization", Tokens.bearer("speaker"))
                .get(url + "/polls.json")
                .then()
                .statusCode(200)
                .body("[0].votes", nullValue());
        given().header("Authorization", Tokens.bearer("alice"))
                .get(url + "/polls.json")
                .then()
                .statusCode(403)
                .body("code", equalTo("forbidden"));

        String csv = given().header("Authorization", Tokens.bearer("speaker"))
                .get(url + "/polls.csv")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        assertTrue(csv.startsWith("poll_id,question,kind,state,voters,answer,count,correct"), csv);
        assertTrue(csv.contains(",'=1+1,1,"), csv); // a formula-looking option is defused
        assertTrue(csv.contains(",hope,1,"), csv);
        assertFalse(csv.contains("Alice"), csv);

        JsonPath stats = given().header("Authorization", Tokens.bearer("organiser"))
                .get(url + "/engagement.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(3, stats.getInt("peakPresence"));
        assertEquals(3, stats.getInt("pollVotes"));
        assertEquals(1, stats.getInt("reactions.applause"));
        assertEquals(1, stats.getInt("reactions.cant-hear"));
        assertEquals(2, stats.getInt("polls[0].voters"));
        assertEquals(0, stats.getInt("questionsAsked"));
        given().header("Authorization", Tokens.bearer("alice"))
                .contentType(ContentType.JSON)
                .get(url + "/engagement.json")
                .then()
                .statusCode(403);
    }
}
