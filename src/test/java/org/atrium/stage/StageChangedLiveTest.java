package org.atrium.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.live.LiveClient;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A session page follows its stage without a reload: setting the session's own stream, or its venue's, is told in the
 * session's live room as well as on the event channel.
 */
@QuarkusTest
class StageChangedLiveTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Test
    void aSessionRoomIsToldWhenItsOwnOrItsVenuesStreamChanges() {
        Event event = fixtures.publishedEvent();
        Venue venue = fixtures.room(event, "Main Stage", 100);
        Instant now = Instant.now();
        ConferenceSession session =
                fixtures.session(event, venue, "Clearing land", now.minusSeconds(600), now.plusSeconds(3000));
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        String api = "/api/events/" + event.slug;
        try (LiveClient alice = LiveClient.connect(base, "/live/sessions/" + session.id, "alice")) {
            alice.next("snapshot");
            StageResourceTest.send(
                            "PUT",
                            "organiser",
                            api + "/sessions/" + session.id + "/stream",
                            StageResourceTest.url(StageResourceTest.YT))
                    .statusCode(200);
            JsonNode own = alice.next("stage.changed");
            assertEquals(session.id.longValue(), own.get("sessionId").asLong());
            assertEquals("live", own.get("purpose").asText());

            StageResourceTest.send(
                            "PUT",
                            "organiser",
                            api + "/rooms/" + venue.id + "/stream",
                            Map.of("url", "https://stream.example.org/live/main.m3u8"))
                    .statusCode(200);
            JsonNode venues = alice.next("stage.changed");
            assertEquals(venue.id.longValue(), venues.get("roomId").asLong());
        }
    }
}
