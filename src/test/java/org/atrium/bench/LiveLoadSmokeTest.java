package org.atrium.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The live-room benchmark's generator against the real hub, small: 20 connections in one session room, each with a
 * live ticket minted from its account's token,
 * 200 chat lines from 4 accounts (within the default rate limits), every line stored, acknowledged and delivered to
 * every connection exactly once in seq order. Keeps the benchmark working; it measures nothing.
 */
@QuarkusTest
class LiveLoadSmokeTest {

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    @Test
    void twentyConnectionsGetEveryChatLineOnceAndInOrder() throws Exception {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event, null, "Keynote", now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)));
        for (String participant : List.of("alice", "bob", "carol")) {
            fixtures.registration(event, participant, Registration.State.CONFIRMED, null);
        }
        // connection i uses account i % 4: five connections each, within the per-account cap
        List<String> tokens = List.of(Tokens.of("alice"), Tokens.of("bob"), Tokens.of("carol"), Tokens.of("organiser"));

        LoadGenerator.Report report = new LoadGenerator(BaselineRelayLoadTest.smallRun(
                        base.getHost(),
                        base.getPort(),
                        "/live/sessions/" + session.id,
                        tokens,
                        "/api/live/tickets",
                        20,
                        null))
                .run(line -> {});

        BaselineRelayLoadTest.assertClean(report, 20, 200);
    }
}
