package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: skipped by the normal build, run with {@code ./mvnw -B verify -Pbenchmark
 * -Dtest=LiveLogBenchmark} (see src/docs/benchmarks.md). Chat lines go into one room at a fixed rate over real
 * WebSockets while its log grows from 0 to {@code bench.lines} lines, on a log PostgreSQL has never analyzed
 * (autovacuum is off for live_log during the run, as it is on a fresh database before its first ANALYZE), and the
 * ack latency is printed per slice of the log: flat when the writer's duplicate-ref lookup is an index probe whatever
 * the log's size, rising with it when the lookup reads the room's log. Parameters: {@code -Dbench.lines=100000},
 * {@code -Dbench.rate=2500} (lines/s, all senders together), {@code -Dbench.slice=10000},
 * {@code -Dbench.window=200} (lines in flight per sender at most). Fails only if a line is lost or stored twice.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(LiveLogBenchmark.Unlimited.class)
class LiveLogBenchmark {

    /** The chat rate limit out of the way (a room's writer is what is measured, not one account's allowance). */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atrium.live.chat-per-minute", "100000000");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    AgroalDataSource dataSource;

    private static final List<String> SENDERS = List.of("alice", "bob");

    @Test
    void ackLatencyAsTheRoomsLogGrows() throws Exception {
        int lines = Integer.getInteger("bench.lines", 100_000);
        int rate = Integer.getInteger("bench.rate", 2500);
        int slice = Integer.getInteger("bench.slice", 10_000);
        int window = Integer.getInteger("bench.window", 200);
        sql("alter table live_log set (autovacuum_enabled = false)");
        try {
            LiveSocketTest helper = new LiveSocketTest();
            helper.base = base;
            helper.fixtures = fixtures;
            LiveSocketTest.Setup s = helper.room();
            System.out.printf(
                    "%nlive log: %d chat lines into one room at %d lines/s from %d senders (window %d), %d cores;"
                            + " live_log analyzed before: %s%n",
                    lines, rate, SENDERS.size(), window, Runtime.getRuntime().availableProcessors(), analyzed());

            int warmup = Integer.getInteger("bench.warmup", 20_000);
            if (warmup > 0) {
                LiveSocketTest.Setup w = helper.room();
                run(helper, w, warmup, rate, warmup, window);
                System.out.printf("warm-up: %d lines in another room, not counted%n", warmup);
            }
            long start = System.nanoTime();
            Run r = run(helper, s, lines, rate, slice, window);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] latencyNanos = r.latencyNanos();
            long[] sliceEnds = r.sliceEnds();
            System.out.println("| log lines (room) | lines/s | ack p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (int from = 0; from < lines; from += slice) {
                int to = Math.min(lines, from + slice);
                long[] part = Arrays.copyOfRange(latencyNanos, from, to);
                Arrays.sort(part);
                double sliceSeconds = from == 0
                        ? (sliceEnds[0] - r.start()) / 1e9
                        : (sliceEnds[from / slice] - sliceEnds[from / slice - 1]) / 1e9;
                System.out.printf(
                        "| %,d-%,d | %.0f | %.1f | %.1f | %.1f | %.1f |%n",
                        from,
                        to,
                        (to - from) / sliceSeconds,
                        ms(part, 0.50),
                        ms(part, 0.90),
                        ms(part, 0.99),
                        part[part.length - 1] / 1e6);
            }
            System.out.printf(
                    "%d lines in %.1f s (%.0f lines/s); live_log analyzed after: %s%n",
                    lines, seconds, lines / seconds, analyzed());
        } finally {
            sql("alter table live_log reset (autovacuum_enabled)");
        }
    }

    record Run(long start, long[] latencyNanos, long[] sliceEnds) {}

    /** Sends {@code lines} chat lines into the room at {@code rate} and waits for every ack. */
    private Run run(LiveSocketTest helper, LiveSocketTest.Setup s, int lines, int rate, int slice, int window)
            throws Exception {
        long[] latencyNanos = new long[lines];
        AtomicLong acked = new AtomicLong();
        List<LiveClient> clients = new ArrayList<>();
        for (String user : SENDERS) {
            clients.add(helper.join(s, user));
        }
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long[] sliceEnds = new long[(lines + slice - 1) / slice];
        for (int k = 0; k < clients.size(); k++) {
            LiveClient client = clients.get(k);
            int sender = k;
            Semaphore inFlight = new Semaphore(window);
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            threads.add(Thread.ofPlatform().start(() -> {
                // line i goes from sender i % senders, at start + i / rate
                for (int i = sender; i < lines; i += clients.size()) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    }
                    inFlight.acquireUninterruptibly();
                    String ref = "l" + i;
                    sentAt.put(ref, System.nanoTime());
                    client.send("{\"type\":\"chat.post\",\"ref\":\"" + ref + "\",\"text\":\"line " + i + "\"}");
                }
            }));
            threads.add(Thread.ofPlatform().start(() -> {
                int mine = (lines - sender + clients.size() - 1) / clients.size();
                for (int got = 0; got < mine; ) {
                    JsonNode f = client.poll(60);
                    if (f == null) {
                        throw new IllegalStateException("no frame for 60 s after " + got + " acks");
                    }
                    String type = f.path("type").asText();
                    if (type.equals("error")) {
                        throw new IllegalStateException("refused: " + f);
                    }
                    if (!type.equals("ack")) {
                        continue;
                    }
                    String ref = f.path("ref").asText();
                    int i = Integer.parseInt(ref.substring(1));
                    latencyNanos[i] = System.nanoTime() - sentAt.remove(ref);
                    long seq = f.path("seq").asLong();
                    int sl = (int) ((seq - 1) / slice);
                    if (sl < sliceEnds.length) {
                        sliceEnds[sl] = Math.max(sliceEnds[sl], System.nanoTime());
                    }
                    acked.incrementAndGet();
                    inFlight.release();
                    got++;
                }
            }));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(30));
        }
        clients.forEach(LiveClient::close);
        assertEquals(lines, acked.get(), "every line acknowledged");
        assertEquals(lines, count(s.session().id), "every line stored once");
        return new Run(start, latencyNanos, sliceEnds);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /** Whether PostgreSQL has statistics for live_log (an ANALYZE, manual or by autovacuum, has run). */
    private String analyzed() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select coalesce(last_analyze, last_autoanalyze) is not null,"
                        + " (select reltuples::bigint from pg_class where oid = 'live_log'::regclass)"
                        + " from pg_stat_user_tables where relname = 'live_log'")) {
            rs.next();
            return rs.getBoolean(1) ? "yes" : "no (reltuples " + rs.getLong(2) + ")";
        }
    }

    private long count(long sessionId) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "select count(*) from live_log where room = '" + LiveRoom.sessionKey(sessionId) + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
