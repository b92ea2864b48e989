package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's fast path (each event's frame encoded once and written straight into the Netty channels, see
 * {@link Member}) reaches into websockets-next's and Vert.x's internals. When a framework upgrade moves them, Member
 * still works through a slower path; this test is what notices.
 */
@QuarkusTest
class FanOutPathTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    Connections connections;

    @Inject
    MeterRegistry registry;

    @Test
    void theInternalsTheFastPathReflectsIntoAreThere() {
        assertTrue(Member.internalsFound(), "WebSocketConnectionBase.webSocket() or ServerWebSocketWrapper.delegate");
    }

    @Test
    void roomEventsGoOutAsSharedFramesNotThroughAFallback() {
        LiveSocketTest.Setup s = LiveSocketTest.room(fixtures);
        double fallbacksBefore =
                registry.counter("atrium.live.fanout.fallbacks").count();
        try (LiveClient alice = LiveClient.connect(base, s.path(), "alice")) {
            alice.next("snapshot");
            JsonNode answer =
                    alice.command("{\"type\":\"chat.post\",\"ref\":\"fast-1\",\"text\":\"over the fast path\"}");
            assertEquals("ack", answer.path("type").asText(), answer::toString);
            assertEquals(
                    "over the fast path",
                    alice.next("chat.posted").at("/message/text").asText());

            assertFalse(connections.all().isEmpty());
            for (Member m : connections.all()) {
                assertEquals(Member.FanOutPath.SHARED_FRAMES, m.fanOutPath(), m.subject);
            }
        }
        assertEquals(
                fallbacksBefore,
                registry.counter("atrium.live.fanout.fallbacks").count());
    }
}
