package org.atrium.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * every connection exactly once in seq order; with {@code --rejoin}, both reconnect storms. Keeps the benchmark
 * working; it measures nothing.
 */
@QuarkusTest
class LiveLoadSmokeTest {

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    @Test
    void twentyConnectionsGetEveryChatLineOnceAndInOrder() throws Exception {
        LoadGenerator.Report report = new LoadGenerator(smallRun()).run(line -> {});

        BaselineRelayLoadTest.assertClean(report, 20, 200);
        assertEquals(List.of(), report.rejoins());
    }

    /** {@code --rejoin}: both storms bring every connection back, the second with the tickets the first one sent. */
    @Test
    void everyConnectionRejoinsWithAFreshTicketThenWithItsResumeTicket() throws Exception {
        LoadGenerator.Report report;
        System.setProperty("bench.rejoin", "true");
        try {
            report = new LoadGenerator(smallRun()).run(line -> {});
        } finally {
            System.clearProperty("bench.rejoin");
        }

        BaselineRelayLoadTest.assertClean(report, 20, 200);
        assertEquals(
                List.of("fresh 20/20 null", "resume 20/20 null"),
                report.rejoins().stream()
                        .map(r -> r.name() + " " + r.done() + "/" + r.attempted() + " " + r.firstError())
                        .toList());
    }

    private LoadGenerator.Config smallRun() {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event, null, "Keynote", now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)));
        for (String participant : List.of("alice", "bob", "carol")) {
            fixtures.registration(event, participant, Registration.State.CONFIRMED, null);
        }
        // connection i uses account i % 4: five connections each, within the per-account cap
        List<String> tokens = List.of(Tokens.of("alice"), Tokens.of("bob"), Tokens.of("carol"), Tokens.of("organiser"));
        return BaselineRelayLoadTest.smallRun(
                base.getHost(), base.getPort(), "/live/sessions/" + session.id, tokens, "/api/live/tickets", 20, null);
    }
}
