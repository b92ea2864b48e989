package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's edges, with a bare client: frames over the limit, of any size and fragmented, close with 1009, and
 * a client that vanishes (TCP reset) is an ordinary event, counted and logged at DEBUG. Neither may log a warning, an
 * error or a stack trace: they are what clients do, not server faults.
 */
@QuarkusTest
class LiveTransportTest {

    private static final int MIB = 1024 * 1024;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    MeterRegistry registry;

    @Inject
    LiveConfig config;

    /** Everything logged while a test runs, whatever its level and logger. */
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();

    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    private LiveSocketTest.Setup room() {
        return LiveSocketTest.room(fixtures);
    }

    private RawSocket joined(LiveSocketTest.Setup s) throws Exception {
        RawSocket socket = new RawSocket(base, s.path(), Tokens.bearer("alice"));
        assertTrue(socket.readText().contains("\"snapshot\""));
        return socket;
    }

    /** A chat line of exactly {@code bytes} bytes of UTF-8. */
    private static byte[] chat(int bytes) {
        String head = "{\"type\":\"chat.post\",\"ref\":\"big\",\"text\":\"";
        String tail = "\"}";
        return (head + "y".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the frames from another thread (the server may close while a large one is still being written). */
    private static void sendInBackground(RawSocket socket, byte[]... fragments) {
        Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < fragments.length; i++) {
                    socket.sendFrame(i == fragments.length - 1, i == 0 ? 1 : 0, fragments[i]);
                }
            } catch (java.io.IOException e) {
                // the server closed first; its close frame is what the test reads
            }
        });
    }

    private void assertClosedTooBig(byte[]... fragments) throws Exception {
        LiveSocketTest.Setup s = room();
        double members;
        try (RawSocket socket = joined(s)) {
            members = connections();
            sendInBackground(socket, fragments);
            assertEquals(1009, socket.awaitCloseCode());
        } // then a reset, rather than waiting for the server's closing timeout (the client sends no close reply)
        await(() -> connections() < members, "the connection ended");
        assertNothingAlarming();
    }

    /**
     * A peer that answers no ping (a phone whose network dropped: no FIN reaches the server) is closed with 4002 after
     * {@code atrium.live.max-silence} (8 s in tests, pings every 2 s) and leaves the room's count; a client that answers
     * pings, as browsers and WebSocket libraries do on their own, stays however quiet it is otherwise.
     */
    @Test
    void aPeerThatAnswersNoPingIsClosedAndOneThatDoesStays() throws Exception {
        LiveSocketTest.Setup s = room();
        try (LiveClient quiet = LiveClient.connect(base, s.path(), "bob")) {
            quiet.next("snapshot");
            double members;
            try (RawSocket gone = joined(s)) {
                members = connections();
                long start = System.nanoTime();
                // the server pings it meanwhile, so a read never times out: bound the wait here
                int code = java.util.concurrent.CompletableFuture.supplyAsync(gone::awaitCloseCode)
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(LiveProtocol.CLOSE_SILENT, code);
                assertTrue(
                        System.nanoTime() - start >= config.maxSilence().toNanos() - 2_000_000_000L,
                        "closed only after the silence limit");
            }
            await(() -> connections() < members, "the silent connection left");
            // bob sent nothing all along but the pongs his library answers with
            quiet.send("{\"type\":\"ping\",\"ref\":\"still-here\"}");
            JsonNode pong = quiet.next("pong");
            assertEquals("still-here", pong.path("ref").asText());
        }
    }

    @Test
    void aFrameJustOverTheHubsLimitCloses1009() throws Exception {
        assertClosedTooBig(chat(config.maxFrameChars() + 1));
    }

    @Test
    void aFrameJustOverTheTransportsLimitCloses1009() throws Exception {
        assertClosedTooBig(chat(MIB + 1));
    }

    @Test
    void aFrameOfSeveralMebibytesCloses1009() throws Exception {
        assertClosedTooBig(chat(6 * MIB));
    }

    @Test
    void aFragmentedMessageOverTheTransportsLimitCloses1009() throws Exception {
        byte[] whole = chat(MIB + MIB / 2);
        int third = whole.length / 3;
        assertClosedTooBig(
                java.util.Arrays.copyOfRange(whole, 0, third),
                java.util.Arrays.copyOfRange(whole, third, 2 * third),
                java.util.Arrays.copyOfRange(whole, 2 * third, whole.length));
    }

    @Test
    void aFragmentedMessageOverTheHubsLimitCloses1009() throws Exception {
        byte[] whole = chat(config.maxFrameChars() + 100);
        int half = whole.length / 2;
        assertClosedTooBig(
                java.util.Arrays.copyOfRange(whole, 0, half), java.util.Arrays.copyOfRange(whole, half, whole.length));
    }

    @Test
    void aResetIsCountedAndLoggedOnlyAtDebug() throws Exception {
        LiveSocketTest.Setup s = room();
        double before = resets();
        RawSocket socket = joined(s);
        double members = connections();
        socket.close(); // SO_LINGER 0: a reset, no close frame
        await(() -> resets() > before && connections() < members, "the reset was counted and the member left");
        assertEquals(before + 1, resets());
        assertNothingAlarming();
    }

    private double connections() {
        return registry.get("atrium.live.connections").gauge().value();
    }

    private double resets() {
        Counter c =
                registry.find("atrium.live.disconnects").tag("reason", "reset").counter();
        return c == null ? 0 : c.count();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(10);
        }
    }

    private void assertNothingAlarming() {
        List<String> alarming = logged.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() != null)
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]"))
                .toList();
        assertEquals(List.of(), alarming);
    }
}
