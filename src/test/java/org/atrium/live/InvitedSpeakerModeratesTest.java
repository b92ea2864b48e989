package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/** A speaker invited by e-mail moderates their session's live room once they accept, and not before. */
@QuarkusTest
class InvitedSpeakerModeratesTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Test
    void theAccountThatAcceptsASpeakerInvitationModeratesTheSessionsRoom() {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event,
                fixtures.room(event, "Main Stage", null),
                "Clearance at scale",
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofMinutes(55)));
        Speaker speaker = fixtures.speaker(event, "Ines Invited", null);
        fixtures.addSpeaker(session, speaker, SessionSpeaker.Role.SPEAKER);
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        String path = "/live/sessions/" + session.id;

        // before accepting, the invited person is nobody in this room
        try (LiveClient ines = LiveClient.connect(base, path, "ines")) {
            assertEquals("live.not-admitted", ines.next("error").get("code").asText());
        }

        String link = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"SPEAKER\",\"email\":\"ines@example.org\",\"speakerId\":" + speaker.id + "}")
                .post("/api/events/" + event.slug + "/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("link");
        given().header("Authorization", Tokens.bearer("ines"))
                .post("/api/events/" + event.slug + "/invitations/" + link.substring(link.lastIndexOf('/') + 1)
                        + "/accept")
                .then()
                .statusCode(200);

        try (LiveClient alice = LiveClient.connect(base, path, "alice");
                LiveClient ines = LiveClient.connect(base, path, "ines")) {
            alice.next("snapshot");
            JsonNode snapshot = ines.next("snapshot");
            assertTrue(snapshot.at("/you/moderator").asBoolean());
            alice.command("{\"type\":\"question.ask\",\"ref\":\"a1\",\"text\":\"How are fields released?\"}");
            long id = alice.next("question.asked").at("/question/id").asLong();
            ines.next("question.asked");
            JsonNode ack = ines.command("{\"type\":\"question.pin\",\"ref\":\"p1\",\"questionId\":" + id + "}");
            assertEquals("ack", ack.get("type").asText());
            assertTrue(alice.next("question.updated").at("/question/pinned").asBoolean());
        }
    }
}
