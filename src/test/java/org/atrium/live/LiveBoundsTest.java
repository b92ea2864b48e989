package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.SmallBounds;
import org.junit.jupiter.api.Test;

/**
 * What one account may post in one room, beyond the rate limits: two questions and two chat lines here (the small
 * bounds of {@link SmallBounds}); the third is refused with its code and nothing is stored, and another account or
 * another room is not affected.
 */
@QuarkusTest
@TestProfile(SmallBounds.class)
class LiveBoundsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    private String room(Event event) {
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event, null, "Bounded", now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(55)));
        return "/live/sessions/" + session.id;
    }

    private LiveClient join(String path, String user) {
        LiveClient c = LiveClient.connect(base, path, user);
        c.next("snapshot");
        return c;
    }

    private static String ask(String ref) {
        return "{\"type\":\"question.ask\",\"ref\":\"" + ref + "\",\"text\":\"Question " + ref + "?\"}";
    }

    private static String post(String ref) {
        return "{\"type\":\"chat.post\",\"ref\":\"" + ref + "\",\"text\":\"line " + ref + "\"}";
    }

    /** The ack or error answering {@code frame}, skipping the room's events that arrive before it. */
    private static JsonNode answer(LiveClient client, String frame) {
        String ref = frame.replaceAll(".*\"ref\":\"([^\"]+)\".*", "$1");
        client.send(frame);
        while (true) {
            JsonNode f = client.next();
            String type = f.path("type").asText();
            if ((type.equals("ack") || type.equals("error"))
                    && ref.equals(f.path("ref").asText())) {
                return f;
            }
        }
    }

    @Test
    void questionsAndChatLinesPerAccountPerRoom() {
        Event event = fixtures.publishedEvent();
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        fixtures.registration(event, "bob", Registration.State.CONFIRMED, null);
        String path = room(event);
        try (LiveClient alice = join(path, "alice");
                LiveClient bob = join(path, "bob")) {
            alice.send("{\"type\":\"chat.post\",\"ref\":\"d1\",\"text\":\"a\",\"text\":\"b\"}");
            assertEquals("json.duplicate-key", alice.next("error").get("code").asText());
            assertEquals("ack", answer(alice, ask("q1")).get("type").asText());
            assertEquals("ack", answer(alice, ask("q2")).get("type").asText());
            JsonNode third = answer(alice, ask("q3"));
            assertEquals("question.too-many", third.get("code").asText());
            assertEquals(2, third.get("limit").asInt());
            assertEquals("ack", answer(alice, post("c1")).get("type").asText());
            assertEquals("ack", answer(alice, post("c2")).get("type").asText());
            assertEquals(
                    "chat.too-many-lines", answer(alice, post("c3")).get("code").asText());
            // bob has his own allowance
            assertEquals("ack", answer(bob, ask("b1")).get("type").asText());
            assertEquals("ack", answer(bob, post("b2")).get("type").asText());
        }
        // a rejoin's snapshot holds exactly what was accepted: alice's two questions and lines and bob's one of each
        try (LiveClient again = LiveClient.connect(base, path, "alice")) {
            JsonNode snapshot = again.next("snapshot");
            assertEquals(3, snapshot.get("questions").size(), snapshot.toString());
            assertEquals(3, snapshot.get("chat").size(), snapshot.toString());
            assertEquals(
                    "question.too-many", answer(again, ask("q4")).get("code").asText());
        }
        // another room of the same event starts afresh
        try (LiveClient alice = join(room(event), "alice")) {
            assertEquals("ack", answer(alice, ask("q1")).get("type").asText());
        }
    }
}
