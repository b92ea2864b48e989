package org.atrium.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atrium.bench.LoadGenerator.Kind;
import org.atrium.bench.LoadGenerator.PhaseResult;
import org.atrium.bench.LoadGenerator.PhaseSpec;
import org.atrium.bench.LoadGenerator.Report;
import org.junit.jupiter.api.Test;

/** Keeps the benchmark's generator and baseline relay working: a small run, every message to everyone, in order. */
class BaselineRelayLoadTest {

    @Test
    void everyConnectionGetsEveryMessageOnceAndInOrder() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Vertx relay = BaselineRelay.start(port, 2);
        try {
            Report report = new LoadGenerator(
                            smallRun("127.0.0.1", port, "/live/sessions/1", List.of(), null, 20, null))
                    .run(line -> {});
            assertClean(report, 20, 200);
        } finally {
            relay.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** 20 connections, 4 publishers: 100 messages at a fixed rate, then 100 as fast as the room takes them. */
    static LoadGenerator.Config smallRun(
            String host,
            int port,
            String path,
            List<String> tokens,
            String ticketPath,
            int connections,
            Path databaseDirectory) {
        return new LoadGenerator.Config(
                host,
                port,
                path,
                tokens,
                ticketPath,
                connections,
                4,
                8,
                List.of(),
                160,
                1,
                -1,
                databaseDirectory,
                Duration.ZERO,
                Duration.ofSeconds(30),
                400,
                List.of(
                        new PhaseSpec("fixed", Kind.FIXED, 2_000, Duration.ofSeconds(30), true, 100),
                        new PhaseSpec("max", Kind.MAX, 0, Duration.ofSeconds(30), true, 100)));
    }

    /** Everything sent was delivered exactly once to every connection, in the order of the room's seq. */
    static void assertClean(Report report, int connections, int messages) {
        assertEquals(connections, report.connect().established());
        assertEquals(connections, report.connect().snapshots());
        long published = 0;
        for (PhaseResult p : report.phases()) {
            assertEquals(0, p.rejected(), p.name() + ": " + p.firstError());
            assertEquals(p.published(), p.acknowledged(), p.name());
            assertEquals(p.published() * connections, p.deliveries(), p.name());
            assertEquals(p.published() * connections, p.expectedDeliveries(), p.name());
            assertEquals(0, p.lost(), p.name());
            assertEquals(0, p.duplicated(), p.name());
            assertEquals(0, p.outOfOrder(), p.name());
            assertEquals(0, p.closedConnections(), p.name());
            published += p.published();
        }
        assertEquals(messages, published);
    }
}
