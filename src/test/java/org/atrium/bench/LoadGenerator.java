package org.atrium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator: opens N WebSocket connections into one live room, publishes {@code chat.post} messages from a few
 * of them (at a fixed delivery rate, or as fast as the room keeps up with a bounded number of deliveries in flight) and
 * checks what every connection receives: end-to-end latency (the send time travels in the text), lost, duplicated and
 * out-of-order messages (by the room's sequence number). Runs in its own process ({@link #main}) for the benchmark, or
 * in-process for the smoke test.
 */
public final class LoadGenerator {

    /** Publishing at a fixed rate of deliveries per second, or as fast as the room delivers (a bounded window). */
    public enum Kind {
        FIXED,
        MAX
    }

    /** One phase; {@code limit} caps the messages it publishes (0: no cap). */
    public record PhaseSpec(
            String name, Kind kind, double deliveriesPerSecond, Duration duration, boolean measured, int limit) {}

    public record Config(
            String host,
            int port,
            String path,
            List<String> tokens,
            String ticketPath,
            int connections,
            int publishers,
            int connectConcurrency,
            List<String> localAddresses,
            int frameBytes,
            int eventLoops,
            long serverPid,
            Path databaseDirectory,
            Duration idle,
            Duration drainTimeout,
            long windowDeliveries,
            List<PhaseSpec> phases,
            List<Integer> ports,
            List<Long> serverPids,
            List<String> metricsUrls) {

        /** One server: every connection to {@code port}, its CPU from {@code serverPid}. */
        public Config(
                String host,
                int port,
                String path,
                List<String> tokens,
                String ticketPath,
                int connections,
                int publishers,
                int connectConcurrency,
                List<String> localAddresses,
                int frameBytes,
                int eventLoops,
                long serverPid,
                Path databaseDirectory,
                Duration idle,
                Duration drainTimeout,
                long windowDeliveries,
                List<PhaseSpec> phases) {
            this(
                    host,
                    port,
                    path,
                    tokens,
                    ticketPath,
                    connections,
                    publishers,
                    connectConcurrency,
                    localAddresses,
                    frameBytes,
                    eventLoops,
                    serverPid,
                    databaseDirectory,
                    idle,
                    drainTimeout,
                    windowDeliveries,
                    phases,
                    List.of(),
                    List.of(),
                    List.of());
        }

        /** The node connection {@code i} goes to: round-robin over {@code ports} when given, else {@code port}. */
        int portOf(int connection) {
            return ports.isEmpty() ? port : ports.get(connection % ports.size());
        }

        int nodeOf(int connection) {
            return ports.isEmpty() ? 0 : connection % ports.size();
        }

        /** CPU seconds of the server process(es) so far. */
        double serverCpuSeconds() {
            return serverPids.isEmpty() ? ProcStats.cpuSeconds(serverPid) : ProcStats.cpuSeconds(serverPids);
        }
    }

    /**
     * The joins: how many were attempted, upgraded, got their snapshot, failed, in what time, and the CPU each process
     * spent meanwhile, in milliseconds per join (server, database, this generator; -1 when not measured).
     */
    public record ConnectResult(
            int attempted,
            int established,
            int snapshots,
            int failed,
            double seconds,
            String firstError,
            double serverMsPerJoin,
            double databaseMsPerJoin,
            double generatorMsPerJoin) {}

    /**
     * Server memory before connecting and after the connections have idled: resident set size, and the live heap
     * after a full collection (from {@code jcmd GC.class_histogram}; -1 when not a local JVM). With the heap committed
     * and touched up front ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}) the RSS growth is the memory outside the
     * heap, so {@code kibPerConnection} = (RSS growth + live heap growth) / connections.
     */
    public record MemoryResult(
            long rssBeforeKiB,
            long rssAfterKiB,
            double kibPerConnection,
            long liveHeapBeforeKiB,
            long liveHeapAfterKiB,
            double liveHeapKibPerConnection) {}

    public record PhaseResult(
            String name,
            Kind kind,
            boolean measured,
            double targetDeliveriesPerSecond,
            double seconds,
            long published,
            long acknowledged,
            long rejected,
            long expectedDeliveries,
            long deliveries,
            double deliveriesPerSecond,
            long p50Micros,
            long p90Micros,
            long p99Micros,
            long maxMicros,
            long ackP50Micros,
            long ackP99Micros,
            long lost,
            long duplicated,
            long outOfOrder,
            int closedConnections,
            double serverCores,
            double databaseCores,
            double generatorCores,
            double otherCores,
            String firstError,
            long sameNodeDeliveries,
            long sameNodeP50Micros,
            long sameNodeP99Micros,
            long crossNodeDeliveries,
            long crossNodeP50Micros,
            long crossNodeP99Micros,
            double notificationsSent) {}

    /**
     * A reconnect storm ({@code --rejoin}): the members that were open, how many got their first {@code resume} frame
     * back on a new connection and how many did not, in what time, and the CPU each process spent meanwhile, in
     * milliseconds per rejoin (server, database, this generator; -1 when not measured).
     */
    public record RejoinResult(
            String name,
            int attempted,
            int done,
            int failed,
            double seconds,
            String firstError,
            double serverMsPerRejoin,
            double databaseMsPerRejoin,
            double generatorMsPerRejoin) {}

    /** {@code rejoins}: the reconnect storms, fresh tickets then resume tickets; empty when not run. */
    public record Report(
            int connections,
            ConnectResult connect,
            MemoryResult memory,
            List<PhaseResult> phases,
            List<RejoinResult> rejoins) {}

    private static final byte[] TYPE_KEY = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_KEY = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POSTED = "chat.posted\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SNAPSHOT = "snapshot\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACK = "ack\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESUME = "resume\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TICKET_KEY = "\"ticket\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Marks the benchmark's own chat lines: {@code ~<phase>:<index>:<nanoTime>:} then padding. */
    private static final byte MARK = '~';

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config config;
    private final String nonce = Long.toString(System.nanoTime() & 0xffffffL, 36);
    private final Receiver[] receivers;
    /** The connections that joined the room (got their snapshot and stayed open); the phases use these. */
    private Receiver[] members = new Receiver[0];
    /** How many of the first members publish (line i comes from members[i % publisherCount]). */
    private int publisherCount = 1;

    private final AtomicReference<Phase> current = new AtomicReference<>();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicReference<String> firstFrame = new AtomicReference<>();
    private final AtomicReference<String> firstClose = new AtomicReference<>();
    private final ThreadLocal<ThreadStats> threadStats = ThreadLocal.withInitial(ThreadStats::new);
    private Vertx vertx;

    public LoadGenerator(Config config) {
        this.config = config;
        this.receivers = new Receiver[config.connections()];
    }

    /** Runs all phases and returns the figures; {@code progress} gets one line per step. */
    public Report run(java.util.function.Consumer<String> progress) throws InterruptedException {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(config.eventLoops())
                .setPreferNativeTransport(true)
                .setBlockedThreadCheckInterval(10_000));
        try {
            int warmUp = Integer.getInteger("bench.join-warmup", 0);
            if (warmUp > 0) {
                warmUpJoins(warmUp, progress);
            }
            long heapBefore = ProcStats.liveHeapKiB(config.serverPid(), histogram("before"));
            long rssBefore = ProcStats.rssKiB(config.serverPid());
            ConnectResult connect = connect(progress);
            progress.accept(String.format(
                    "connected %d/%d in %.2f s (%d snapshots, %d failed%s); CPU per join: server %.3f ms, database"
                            + " %.3f ms, generator %.3f ms",
                    connect.established(),
                    connect.attempted(),
                    connect.seconds(),
                    connect.snapshots(),
                    connect.failed(),
                    connect.firstError() == null ? "" : ", first error: " + connect.firstError(),
                    connect.serverMsPerJoin(),
                    connect.databaseMsPerJoin(),
                    connect.generatorMsPerJoin()));
            String first = firstFrame.get();
            progress.accept("first frame on connection 0: "
                    + (first == null ? "none" : first.substring(0, Math.min(300, first.length()))));
            Thread.sleep(config.idle().toMillis());
            long rssAfter = ProcStats.rssKiB(config.serverPid());
            long heapAfter = ProcStats.liveHeapKiB(config.serverPid(), histogram("after"));
            int open = Math.max(1, connect.established());
            MemoryResult memory = new MemoryResult(
                    rssBefore,
                    rssAfter,
                    rssBefore < 0 || heapBefore < 0
                            ? -1
                            : (rssAfter - rssBefore + heapAfter - heapBefore) / (double) open,
                    heapBefore,
                    heapAfter,
                    heapBefore < 0 || heapAfter < 0 ? -1 : (heapAfter - heapBefore) / (double) open);
            progress.accept(String.format(
                    "server RSS %d KiB -> %d KiB, live heap %d KiB -> %d KiB (%.1f KiB per connection):"
                            + " %.1f KiB per idle connection",
                    rssBefore,
                    rssAfter,
                    heapBefore,
                    heapAfter,
                    memory.liveHeapKibPerConnection(),
                    memory.kibPerConnection()));
            List<PhaseResult> results = new ArrayList<>();
            barrier();
            List<Receiver> joined = new ArrayList<>();
            for (Receiver r : receivers) {
                if (r != null && r.joined && !r.closed) {
                    joined.add(r);
                }
            }
            members = joined.toArray(Receiver[]::new);
            publisherCount = Math.max(1, Math.min(config.publishers(), members.length));
            if (members.length < config.connections()) {
                progress.accept((config.connections() - members.length)
                        + " connections did not join (no snapshot, or closed); the phases use the "
                        + members.length + " that did" + (firstClose.get() == null ? "" : "; " + firstClose.get()));
            }
            List<RejoinResult> rejoins = new ArrayList<>();
            if (members.length > 0) {
                int id = 1;
                for (PhaseSpec spec : config.phases()) {
                    PhaseResult result = runPhase(id++, spec);
                    progress.accept(describe(result));
                    results.add(result);
                }
                if (Boolean.getBoolean("bench.rejoin")) {
                    if (config.ticketPath() == null || config.tokens().isEmpty()) {
                        progress.accept("no rejoin: the connections do not join with tickets");
                    } else {
                        for (boolean resume : new boolean[] {false, true}) {
                            RejoinResult rejoin = rejoin(resume);
                            progress.accept(describe(rejoin));
                            rejoins.add(rejoin);
                        }
                    }
                }
            }
            return new Report(config.connections(), connect, memory, results, rejoins);
        } finally {
            closeAll();
        }
    }

    private Path histogram(String when) {
        String dir = System.getProperty("bench.histograms");
        return dir == null ? null : Path.of(dir, "histogram-" + config.connections() + "-" + when + ".txt");
    }

    static String describe(PhaseResult r) {
        return String.format(
                "%-10s %7.0f deliveries/s (%d msgs, %d rejected) p50 %.2f p90 %.2f p99 %.2f max %.2f ms;"
                        + " ack p50 %.2f p99 %.2f ms; lost %d dup %d ooo %d closed %d;"
                        + " cpu server %.2f db %.2f generator %.2f other %.2f%s",
                r.name(),
                r.deliveriesPerSecond(),
                r.published(),
                r.rejected(),
                r.p50Micros() / 1000.0,
                r.p90Micros() / 1000.0,
                r.p99Micros() / 1000.0,
                r.maxMicros() / 1000.0,
                r.ackP50Micros() / 1000.0,
                r.ackP99Micros() / 1000.0,
                r.lost(),
                r.duplicated(),
                r.outOfOrder(),
                r.closedConnections(),
                r.serverCores(),
                r.databaseCores(),
                r.generatorCores(),
                r.otherCores(),
                r.firstError() == null ? "" : " first error: " + r.firstError());
    }

    static String describe(RejoinResult r) {
        return String.format(
                Locale.ROOT,
                "rejoin %-6s %d/%d done in %.2f s (%d failed%s); CPU per rejoin: server %.3f ms, database %.3f ms,"
                        + " generator %.3f ms",
                r.name(),
                r.done(),
                r.attempted(),
                r.seconds(),
                r.failed(),
                r.firstError() == null ? "" : ", first error: " + r.firstError(),
                r.serverMsPerRejoin(),
                r.databaseMsPerRejoin(),
                r.generatorMsPerRejoin());
    }

    // ---------------------------------------------------------------------------------------------------- connecting

    private List<WebSocketClient> webSocketClients(int n) {
        List<WebSocketClient> clients = new ArrayList<>();
        for (String address : localAddresses()) {
            WebSocketClientOptions options = new WebSocketClientOptions()
                    .setMaxConnections(n + 16)
                    .setConnectTimeout(60_000)
                    .setMaxFrameSize(1 << 20)
                    .setMaxMessageSize(1 << 22)
                    // as browsers do when asked (-Dbench.compression=true): offer permessage-deflate
                    .setTryUsePerMessageCompression(Boolean.getBoolean("bench.compression"));
            if (!address.isEmpty()) {
                options.setLocalAddress(address);
            }
            clients.add(vertx.createWebSocketClient(options));
        }
        return clients;
    }

    private List<String> localAddresses() {
        return config.localAddresses().isEmpty() ? List.of("") : config.localAddresses();
    }

    /** Atrium: each connection first trades its token for a ticket (POST ticketPath), then upgrades with ?ticket=. */
    private HttpClient ticketClient() {
        String address = localAddresses().get(0);
        return config.ticketPath() == null || config.tokens().isEmpty()
                ? null
                : vertx.createHttpClient(new HttpClientOptions()
                        .setMaxPoolSize(config.connectConcurrency())
                        .setConnectTimeout(60_000)
                        .setLocalAddress(address.isEmpty() ? null : address));
    }

    /**
     * Connection {@code i}'s upgrade, started on an event loop of the generator: a ticket response read from a thread
     * outside Vert.x can lose its body (one in some 15,000: a 201 with a Content-Length and no body read).
     */
    private Future<WebSocket> open(int i, List<WebSocketClient> clients, HttpClient http) {
        return open(i, clients, http, null, -1);
    }

    /** The same, resuming after {@code since} (when not negative), with {@code resumeTicket} when not null. */
    private Future<WebSocket> open(
            int i, List<WebSocketClient> clients, HttpClient http, String resumeTicket, long since) {
        io.vertx.core.Promise<WebSocket> opened = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext()
                .runOnContext(
                        v -> openHere(i, clients, http, resumeTicket, since).onComplete(opened));
        return opened.future();
    }

    /**
     * Connection {@code i}'s upgrade: with a resume ticket, with a fresh ticket, with its token in a header, or
     * anonymous.
     */
    private Future<WebSocket> openHere(
            int i, List<WebSocketClient> clients, HttpClient http, String resumeTicket, long since) {
        String token = config.tokens().isEmpty()
                ? null
                : config.tokens().get(i % config.tokens().size());
        WebSocketClient client = clients.get(i % clients.size());
        String resume = since < 0 ? "" : "&since=" + since;
        if (resumeTicket != null) {
            return client.connect(withTicket(i, resumeTicket + resume));
        }
        if (http != null) {
            return ticket(http, token, config.portOf(i))
                    .compose(ticket -> client.connect(withTicket(i, ticket + resume)));
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(config.host())
                .setPort(config.portOf(i))
                .setURI(config.path());
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return client.connect(options);
    }

    /** The upgrade of connection {@code i} with {@code ?ticket=} (and what follows it in the query). */
    private WebSocketConnectOptions withTicket(int i, String ticketAndRest) {
        return new WebSocketConnectOptions()
                .setHost(config.host())
                .setPort(config.portOf(i))
                .setURI(config.path() + (config.path().contains("?") ? "&" : "?") + "ticket=" + ticketAndRest);
    }

    /**
     * Joins {@code count} connections (with the same concurrency, tokens and tickets as the measured joins), each until
     * its first frame, then closes them all: a server that has run for a while has compiled its join path, and the
     * measured joins should not pay for that compilation on one server and not on the other.
     */
    private void warmUpJoins(int count, java.util.function.Consumer<String> progress) throws InterruptedException {
        List<WebSocketClient> clients = webSocketClients(count);
        HttpClient http = ticketClient();
        Semaphore permits = new Semaphore(config.connectConcurrency());
        CountDownLatch done = new CountDownLatch(count);
        List<WebSocket> opened = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            open(i, clients, http).onComplete(ar -> {
                if (ar.failed()) {
                    failed.incrementAndGet();
                    permits.release();
                    done.countDown();
                    return;
                }
                WebSocket socket = ar.result();
                opened.add(socket);
                AtomicBoolean first = new AtomicBoolean();
                socket.textMessageHandler(text -> {
                    if (first.compareAndSet(false, true)) {
                        permits.release();
                        done.countDown();
                    }
                });
                socket.closeHandler(v -> {
                    if (first.compareAndSet(false, true)) {
                        failed.incrementAndGet();
                        permits.release();
                        done.countDown();
                    }
                });
            });
        }
        done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (WebSocket socket : opened) {
            socket.close();
        }
        if (http != null) {
            http.close();
        }
        for (WebSocketClient client : clients) {
            client.close();
        }
        Thread.sleep(3000); // the server drops them
        progress.accept(String.format(
                Locale.ROOT, "warm-up: %d joins (%d failed) in %.2f s, then closed", count, failed.get(), seconds));
    }

    private ConnectResult connect(java.util.function.Consumer<String> progress) throws InterruptedException {
        int n = config.connections();
        List<WebSocketClient> clients = webSocketClients(n);
        HttpClient http = ticketClient();
        Semaphore permits = new Semaphore(config.connectConcurrency());
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger established = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        CpuSpent cpu = new CpuSpent();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            permits.acquire();
            Receiver receiver = new Receiver(i);
            receivers[i] = receiver;
            open(i, clients, http).onComplete(ar -> {
                if (ar.succeeded()) {
                    receiver.attach(ar.result());
                    established.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(ar.cause()));
                }
                permits.release();
                done.countDown();
            });
            if (i > 0 && i % 5000 == 0) {
                progress.accept("  " + i + " connections requested, " + established.get() + " open");
            }
        }
        done.await(10, TimeUnit.MINUTES);
        if (http != null) {
            http.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (snapshots.get() + closed.get() < established.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] perJoin = cpu.msPer(snapshots.get());
        return new ConnectResult(
                n,
                established.get(),
                snapshots.get(),
                failed.get(),
                seconds,
                firstError.get(),
                perJoin[0],
                perJoin[1],
                perJoin[2]);
    }

    /**
     * A reconnect storm, as after a node restart or a venue's Wi-Fi coming back: every open member closes its socket,
     * then all reconnect with {@code since} = the last seq they saw, as many at a time as the joins, each with a fresh
     * ticket ({@code POST}, as a first join) or, with {@code resume}, with the ticket of the last {@code resume} frame it
     * got (no {@code POST}, no token to verify). A rejoin is done at its connection's first {@code resume} frame: the
     * server sends it once the catch-up is out, so the time and CPU cover the whole join.
     */
    private RejoinResult rejoin(boolean resume) throws InterruptedException {
        barrier(); // which members are open, as their event loops saw it
        List<Receiver> open = new ArrayList<>();
        for (Receiver r : members) {
            if (!r.closed) {
                open.add(r);
            }
        }
        int n = open.size();
        int closedBefore = closed.get();
        for (Receiver r : open) {
            r.socket.close();
        }
        long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (closed.get() - closedBefore < n && System.nanoTime() < closeDeadline) {
            Thread.sleep(5);
        }
        // the server drops them (a member still present would count against its account's connection cap)
        Thread.sleep(3000);
        barrier(); // the receivers' last seqs and tickets, written on their event loops

        List<WebSocketClient> clients = webSocketClients(n);
        HttpClient http = resume ? null : ticketClient();
        Semaphore permits = new Semaphore(config.connectConcurrency());
        CountDownLatch finished = new CountDownLatch(n);
        AtomicInteger done = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        CpuSpent cpu = new CpuSpent();
        long start = System.nanoTime();
        for (Receiver r : open) {
            io.vertx.core.Promise<Void> rejoined = io.vertx.core.Promise.promise();
            rejoined.future().onComplete(ar -> {
                if (ar.succeeded()) {
                    done.incrementAndGet();
                } else {
                    firstError.compareAndSet(
                            null, "connection " + r.index + ": " + ar.cause().getMessage());
                }
                finished.countDown();
            });
            if (resume && r.resumeTicket == null) {
                rejoined.fail("no resume frame on its last connection");
                continue;
            }
            permits.acquire();
            open(r.index, clients, http, resume ? r.resumeTicket : null, r.lastSeq)
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            r.reattach(ar.result(), rejoined);
                        } else {
                            rejoined.tryFail(String.valueOf(ar.cause()));
                        }
                        permits.release();
                    });
        }
        if (!finished.await(2, TimeUnit.MINUTES)) {
            firstError.compareAndSet(null, finished.getCount() + " got no resume frame within 2 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int completed = done.get();
        double[] perRejoin = cpu.msPer(completed);
        if (http != null) {
            http.close();
        }
        return new RejoinResult(
                resume ? "resume" : "fresh",
                n,
                completed,
                n - completed,
                seconds,
                firstError.get(),
                perRejoin[0],
                perRejoin[1],
                perRejoin[2]);
    }

    /** The CPU time the server, the database and this generator have spent since it was made. */
    private final class CpuSpent {
        private final List<Long> dbPids = ProcStats.postgresProcesses(config.databaseDirectory());
        private final double server0 = config.serverCpuSeconds();
        private final double db0 = ProcStats.cpuSeconds(dbPids);
        private final double self0 =
                ProcStats.cpuSeconds(ProcessHandle.current().pid());

        /** Milliseconds of server, database and generator CPU per unit of work since then (-1: not measured). */
        double[] msPer(int units) {
            double per = 1000.0 / Math.max(1, units);
            return new double[] {
                server0 < 0 ? -1 : (config.serverCpuSeconds() - server0) * per,
                dbPids.isEmpty() ? -1 : (ProcStats.cpuSeconds(dbPids) - db0) * per,
                (ProcStats.cpuSeconds(ProcessHandle.current().pid()) - self0) * per
            };
        }
    }

    /** A live connection ticket for the token ({@code 201 {"ticket": ...}}). */
    private Future<String> ticket(HttpClient http, String token, int port) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(config.host())
                .setPort(port)
                .setURI(config.ticketPath())
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/json");
        return http.request(request)
                .compose(r -> r.send())
                .compose(response -> response.body().compose(body -> {
                    if (response.statusCode() != 201) {
                        return Future.failedFuture("ticket refused: " + response.statusCode() + " " + body);
                    }
                    try {
                        JsonNode ticket = JSON.readTree(body.getBytes()).get("ticket");
                        return ticket == null
                                ? Future.failedFuture("201 without a ticket: " + response.headers() + body)
                                : Future.succeededFuture(ticket.asText());
                    } catch (Exception e) {
                        return Future.failedFuture(e);
                    }
                }));
    }

    private void closeAll() throws InterruptedException {
        if (vertx == null) {
            return;
        }
        for (Receiver r : receivers) {
            if (r != null && r.socket != null) {
                r.socket.close();
            }
        }
        CountDownLatch closedVertx = new CountDownLatch(1);
        vertx.close().onComplete(ar -> closedVertx.countDown());
        closedVertx.await(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------------------- phases

    private PhaseResult runPhase(int id, PhaseSpec spec) throws InterruptedException {
        int n = members.length;
        double seconds = spec.duration().toNanos() / 1e9;
        double ceiling = spec.kind() == Kind.MAX ? 1_000_000 : spec.deliveriesPerSecond() * 1.2;
        int capacity =
                (int) Math.min(50_000_000, Math.ceil(ceiling * seconds / n) + config.windowDeliveries() / n + 16);
        if (spec.limit() > 0) {
            capacity = Math.min(capacity, spec.limit());
        }
        Phase phase = new Phase(id, spec, n, Math.max(capacity, 1));
        barrier();
        current.set(phase);
        int closedBefore = closed.get();

        double[] machine0 = ProcStats.machineSeconds();
        List<Long> dbPids = ProcStats.postgresProcesses(config.databaseDirectory());
        double server0 = config.serverCpuSeconds();
        double notified0 = notificationsSent();
        double db0 = ProcStats.cpuSeconds(dbPids);
        double self0 = ProcStats.cpuSeconds(ProcessHandle.current().pid());

        long start = System.nanoTime();
        phase.start = start;
        long end = start + spec.duration().toNanos();
        Receiver publisher = members[0];
        CountDownLatch stopped = new CountDownLatch(1);
        publisher.context.runOnContext(v -> {
            long timer = vertx.setPeriodic(1, t -> publish(phase, end, stopped));
            phase.timer = timer;
        });
        stopped.await();
        long sendEnd = System.nanoTime();
        long deliveriesAtEnd = phase.deliveries.sum();

        double[] machine1 = ProcStats.machineSeconds();
        double server1 = config.serverCpuSeconds();
        double notified1 = notificationsSent();
        double db1 = ProcStats.cpuSeconds(dbPids);
        double self1 = ProcStats.cpuSeconds(ProcessHandle.current().pid());

        long drainDeadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (phase.inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(2);
        }
        Thread.sleep(50);
        barrier();
        current.set(null);
        barrier();

        double wall = (sendEnd - start) / 1e9;
        double serverCores = server0 < 0 ? -1 : (server1 - server0) / wall;
        double dbCores = dbPids.isEmpty() ? -1 : (db1 - db0) / wall;
        double selfCores = (self1 - self0) / wall;
        double machineCores = machine0[0] < 0 ? -1 : (machine1[0] - machine0[0]) / wall;
        double other = machineCores < 0
                ? -1
                : Math.max(0, machineCores - Math.max(0, serverCores) - Math.max(0, dbCores) - selfCores);

        BitSet expected = new BitSet(phase.sent);
        expected.set(0, phase.sent);
        synchronized (phase.rejectedSet) {
            expected.andNot(phase.rejectedSet);
        }
        int expectedPerReceiver = expected.cardinality();
        long lost = 0;
        long dup = 0;
        long ooo = 0;
        for (Receiver r : members) {
            BitSet missing = (BitSet) expected.clone();
            if (r.phaseId == id && r.got != null) {
                missing.andNot(r.got);
            }
            lost += missing.cardinality();
            if (r.phaseId == id) {
                dup += r.duplicated;
                ooo += r.outOfOrder;
            }
        }
        LatencyHistogram latency = new LatencyHistogram();
        LatencyHistogram sameNode = new LatencyHistogram();
        LatencyHistogram crossNode = new LatencyHistogram();
        synchronized (phase.histograms) {
            for (LatencyHistogram h : phase.histograms) {
                latency.add(h);
            }
            for (LatencyHistogram h : phase.sameNode) {
                sameNode.add(h);
            }
            for (LatencyHistogram h : phase.crossNode) {
                crossNode.add(h);
            }
        }
        return new PhaseResult(
                spec.name(),
                spec.kind(),
                spec.measured(),
                spec.deliveriesPerSecond(),
                wall,
                phase.sent,
                phase.acknowledged.get(),
                phase.rejected.get(),
                (long) expectedPerReceiver * n,
                phase.deliveries.sum(),
                deliveriesAtEnd / wall,
                latency.quantile(0.50),
                latency.quantile(0.90),
                latency.quantile(0.99),
                latency.max(),
                phase.acks.quantile(0.50),
                phase.acks.quantile(0.99),
                lost,
                dup,
                ooo,
                closed.get() - closedBefore,
                serverCores,
                dbCores,
                selfCores,
                other,
                phase.firstError.get() != null ? phase.firstError.get() : firstClose.get(),
                sameNode.count(),
                sameNode.quantile(0.50),
                sameNode.quantile(0.99),
                crossNode.count(),
                crossNode.quantile(0.50),
                crossNode.quantile(0.99),
                notified0 < 0 || notified1 < 0 ? -1 : notified1 - notified0);
    }

    /**
     * Cluster notifications the servers have sent so far ({@code atrium_cluster_notifications_sent_total} summed over
     * their Prometheus metrics), or -1 without metrics URLs or when one cannot be read.
     */
    private double notificationsSent() {
        if (config.metricsUrls().isEmpty()) {
            return -1;
        }
        double sum = 0;
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            for (String url : config.metricsUrls()) {
                String body = client.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body();
                for (String line : body.split("\n")) {
                    if (line.startsWith("atrium_cluster_notifications_sent_total")) {
                        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            }
            return sum;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs on the first publisher's event loop every millisecond until the phase's sending time is over. */
    private void publish(Phase phase, long end, CountDownLatch stopped) {
        long now = System.nanoTime();
        if (now >= end || phase.sent >= phase.capacity) {
            if (!phase.stopped) {
                phase.stopped = true;
                vertx.cancelTimer(phase.timer);
                stopped.countDown();
            }
            return;
        }
        int publishers = publisherCount;
        long window = Math.max(4, config.windowDeliveries() / members.length);
        if (phase.spec.kind() == Kind.FIXED) {
            double messagesPerSecond = phase.spec.deliveriesPerSecond() / members.length;
            long due = (long) ((now - phase.start) / 1e9 * messagesPerSecond) + 1;
            while (phase.sent < due && phase.sent < phase.capacity) {
                send(phase, members[phase.sent % publishers]);
            }
        } else {
            while (phase.inFlight.get() < window && phase.sent < phase.capacity) {
                send(phase, members[phase.sent % publishers]);
            }
        }
    }

    private void send(Phase phase, Receiver from) {
        int index = phase.sent++;
        phase.remaining.set(index, members.length - phase.closedReceivers.get());
        phase.inFlight.incrementAndGet();
        StringBuilder text = new StringBuilder(config.frameBytes());
        text.append("{\"type\":\"chat.post\",\"ref\":\"")
                .append(nonce)
                .append('-')
                .append(phase.id)
                .append('-')
                .append(index)
                .append("\",\"text\":\"")
                .append((char) MARK)
                .append(phase.id)
                .append(':')
                .append(index)
                .append(':');
        long now = System.nanoTime();
        phase.sentAt[index] = now;
        text.append(now).append(':');
        while (text.length() < config.frameBytes() - 2) {
            text.append('x');
        }
        text.append("\"}");
        from.socket.writeTextMessage(text.toString());
    }

    /** Waits until every event loop has run everything queued before (a happens-before edge for reading state). */
    private void barrier() throws InterruptedException {
        Set<Context> contexts = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Receiver r : receivers) {
            if (r != null && r.context != null) {
                contexts.add(r.context);
            }
        }
        CountDownLatch latch = new CountDownLatch(contexts.size());
        for (Context c : contexts) {
            c.runOnContext(v -> latch.countDown());
        }
        latch.await(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------------------ receiving

    /** One benchmark phase: what was sent, and what is still on its way. */
    private static final class Phase {
        final int id;
        final PhaseSpec spec;
        final int capacity;
        final AtomicIntegerArray remaining;
        final AtomicLong inFlight = new AtomicLong();
        final LongAdder deliveries = new LongAdder();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final BitSet rejectedSet = new BitSet();
        final List<LatencyHistogram> histograms = new ArrayList<>();
        /** Deliveries whose publisher is connected to the receiver's node, and those from another node. */
        final List<LatencyHistogram> sameNode = new ArrayList<>();

        final List<LatencyHistogram> crossNode = new ArrayList<>();
        /** When each line was written, for the latency of its ack (sent once the server has stored it). */
        final long[] sentAt;

        final LatencyHistogram acks = new LatencyHistogram();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final AtomicInteger closedReceivers = new AtomicInteger();
        volatile long start;
        long timer;
        volatile int sent;
        boolean stopped;

        Phase(int id, PhaseSpec spec, int receivers, int capacity) {
            this.id = id;
            this.spec = spec;
            this.capacity = capacity;
            this.remaining = new AtomicIntegerArray(capacity);
            this.sentAt = new long[capacity];
        }

        void acknowledged(int index) {
            acknowledged.incrementAndGet();
            if (index >= 0 && index < capacity) {
                long micros = (System.nanoTime() - sentAt[index]) / 1000;
                synchronized (acks) {
                    acks.record(micros);
                }
            }
        }

        void delivered(int index) {
            if (index < capacity && remaining.decrementAndGet(index) == 0) {
                inFlight.decrementAndGet();
            }
        }

        void rejected(int index, String error) {
            firstError.compareAndSet(null, error);
            rejected.incrementAndGet();
            synchronized (rejectedSet) {
                rejectedSet.set(index);
            }
            if (index < capacity && remaining.getAndSet(index, 0) > 0) {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Per event-loop thread: the latency histogram of the current phase. */
    private static final class ThreadStats {
        int phaseId;
        LatencyHistogram histogram;
        LatencyHistogram sameNode;
        LatencyHistogram crossNode;
    }

    /** One connection: its own view of the room (last sequence number, what it got in the current phase). */
    private final class Receiver {
        final int index;
        /** The node (index into the ports) this connection went to. */
        final int node;

        WebSocket socket;
        Context context;
        long lastSeq = -1;
        boolean joined;
        boolean closed;
        int phaseId;
        BitSet got;
        long duplicated;
        long outOfOrder;
        /** From the last {@code resume} frame: this room again, without a new ticket. */
        String resumeTicket;
        /** During a reconnect storm: completed by the next {@code resume} frame, failed if the socket closes first. */
        io.vertx.core.Promise<Void> rejoined;

        Receiver(int index) {
            this.index = index;
            this.node = config.nodeOf(index);
        }

        void attach(WebSocket ws) {
            socket = ws;
            context = Vertx.currentContext();
            ws.handler(this::onFrame);
            ws.closeHandler(v -> {
                this.closed = true;
                LoadGenerator.this.closed.incrementAndGet();
                firstClose.compareAndSet(
                        null, "connection " + index + " closed: " + ws.closeStatusCode() + " " + ws.closeReason());
                if (rejoined != null) {
                    rejoined.tryFail(
                            "closed before its resume frame: " + ws.closeStatusCode() + " " + ws.closeReason());
                    rejoined = null;
                }
                Phase phase = current.get();
                if (phase != null) {
                    // it will get nothing more: stop waiting for it (what it missed counts as lost)
                    phase.closedReceivers.incrementAndGet();
                    int upTo = phase.sent;
                    for (int i = 0; i < upTo; i++) {
                        if (this.phaseId != phase.id || got == null || !got.get(i)) {
                            phase.delivered(i);
                        }
                    }
                }
            });
            ws.exceptionHandler(e -> {});
        }

        /** A new connection of this member (on its event loop, before any frame): {@code done} at its resume frame. */
        void reattach(WebSocket ws, io.vertx.core.Promise<Void> done) {
            closed = false;
            rejoined = done;
            attach(ws);
        }

        void onFrame(Buffer frame) {
            if (index == 0 && firstFrame.get() == null) {
                firstFrame.set(frame.toString(StandardCharsets.UTF_8));
            }
            int type = indexOf(frame, TYPE_KEY, 0);
            if (type < 0) {
                return;
            }
            type += TYPE_KEY.length;
            if (startsWith(frame, type, POSTED)) {
                onPosted(frame);
            } else if (startsWith(frame, type, ACK)) {
                Phase phase = current.get();
                if (phase != null) {
                    phase.acknowledged(refIndex(frame, phase.id));
                }
            } else if (startsWith(frame, type, SNAPSHOT)) {
                long seq = number(frame, SEQ_KEY);
                if (seq >= 0) {
                    lastSeq = Math.max(lastSeq, seq);
                }
                if (!joined) {
                    joined = true;
                    snapshots.incrementAndGet();
                }
            } else if (startsWith(frame, type, ERROR)) {
                onError(frame);
            } else if (startsWith(frame, type, RESUME)) {
                resumeTicket = ticketOf(frame);
                if (rejoined != null) {
                    rejoined.tryComplete();
                    rejoined = null;
                }
            }
        }

        private void onPosted(Buffer frame) {
            long receivedAt = System.nanoTime();
            long seq = number(frame, SEQ_KEY);
            int text = indexOf(frame, TEXT_KEY, 0);
            if (text < 0 || frame.getByte(text + TEXT_KEY.length) != MARK) {
                lastSeq = Math.max(lastSeq, seq);
                return;
            }
            int pos = text + TEXT_KEY.length + 1;
            long[] parsed = new long[3];
            for (int f = 0; f < 3; f++) {
                long value = 0;
                byte b;
                while ((b = frame.getByte(pos++)) != ':') {
                    value = value * 10 + (b - '0');
                }
                parsed[f] = value;
            }
            int phaseId = (int) parsed[0];
            int index = (int) parsed[1];
            long sentAt = parsed[2];
            Phase phase = current.get();
            if (phase == null || phase.id != phaseId) {
                // a late message of an earlier phase: only its order is checked
                if (seq <= lastSeq) {
                    outOfOrder++;
                } else {
                    lastSeq = seq;
                }
                return;
            }
            if (this.phaseId != phaseId) {
                this.phaseId = phaseId;
                got = new BitSet();
                duplicated = 0;
                outOfOrder = 0;
            }
            if (got.get(index)) {
                duplicated++;
                return;
            }
            got.set(index);
            if (seq <= lastSeq) {
                outOfOrder++;
            } else {
                lastSeq = seq;
            }
            ThreadStats stats = threadStats.get();
            if (stats.phaseId != phaseId) {
                stats.phaseId = phaseId;
                stats.histogram = new LatencyHistogram();
                stats.sameNode = new LatencyHistogram();
                stats.crossNode = new LatencyHistogram();
                synchronized (phase.histograms) {
                    phase.histograms.add(stats.histogram);
                    phase.sameNode.add(stats.sameNode);
                    phase.crossNode.add(stats.crossNode);
                }
            }
            long micros = (receivedAt - sentAt) / 1000;
            stats.histogram.record(micros);
            // the publisher of line i is members[i % publishers] (see publish)
            Receiver publisher = members[index % publisherCount];
            (publisher.node == node ? stats.sameNode : stats.crossNode).record(micros);
            phase.deliveries.increment();
            phase.delivered(index);
        }

        private void onError(Buffer frame) {
            String json = frame.toString(StandardCharsets.UTF_8);
            Phase phase = current.get();
            try {
                JsonNode node = JSON.readTree(json);
                String ref = node.path("ref").asText("");
                String[] parts = ref.split("-");
                if (phase != null
                        && parts.length == 3
                        && parts[0].equals(nonce)
                        && Integer.parseInt(parts[1]) == phase.id) {
                    phase.rejected(Integer.parseInt(parts[2]), json);
                } else if (phase != null) {
                    phase.firstError.compareAndSet(null, json);
                }
            } catch (Exception e) {
                if (phase != null) {
                    phase.firstError.compareAndSet(null, json);
                }
            }
        }
    }

    private static final byte[] REF_KEY = "\"ref\":\"".getBytes(StandardCharsets.US_ASCII);

    /** The line index in an ack's ref ({@code <nonce>-<phase>-<index>}), or -1 when it is another phase's. */
    private static int refIndex(Buffer frame, int phaseId) {
        int at = indexOf(frame, REF_KEY, 0);
        if (at < 0) {
            return -1;
        }
        int start = at + REF_KEY.length;
        int end = start;
        while (end < frame.length() && frame.getByte(end) != '"') {
            end++;
        }
        String[] parts = frame.getString(start, end, "US-ASCII").split("-");
        if (parts.length != 3 || !parts[1].equals(Integer.toString(phaseId))) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The ticket of a {@code resume} frame (url-safe: no escapes to undo), or null. */
    static String ticketOf(Buffer frame) {
        int at = indexOf(frame, TICKET_KEY, 0);
        if (at < 0) {
            return null;
        }
        int start = at + TICKET_KEY.length;
        int end = start;
        while (end < frame.length() && frame.getByte(end) != '"') {
            end++;
        }
        return end < frame.length() ? frame.getString(start, end, "US-ASCII") : null;
    }

    static int indexOf(Buffer buffer, byte[] needle, int from) {
        int last = buffer.length() - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean startsWith(Buffer buffer, int at, byte[] prefix) {
        if (at + prefix.length > buffer.length()) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (buffer.getByte(at + j) != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    /** The first non-negative integer after {@code key}, or -1. */
    static long number(Buffer buffer, byte[] key) {
        int at = indexOf(buffer, key, 0);
        if (at < 0) {
            return -1;
        }
        int pos = at + key.length;
        while (pos < buffer.length() && buffer.getByte(pos) == ' ') {
            pos++;
        }
        long value = 0;
        boolean any = false;
        while (pos < buffer.length()) {
            byte b = buffer.getByte(pos++);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            any = true;
        }
        return any ? value : -1;
    }

    // ------------------------------------------------------------------------------------------------- process entry

    /**
     * Entry point of the generator process. Arguments are {@code --key=value}: host, port, path, tokens (a file with
     * one token per line; absent for the unauthenticated baseline), ticket-path (trade each token for a live ticket
     * there before the upgrade; absent: the token goes in the upgrade's Authorization header), connections, publishers, concurrency,
     * local-addresses (comma separated), frame-bytes, event-loops, server-pid, db-dir, idle-seconds, drain-seconds,
     * window, phases ({@code name:FIXED|MAX:deliveriesPerSecond:seconds:measured,...}), and for several nodes ports
     * (connection i goes to the i-th modulo their number, so the first publishers sit on different nodes), server-pids
     * (their CPU is summed) and metrics (their Prometheus URLs, for the notifications sent). Prints progress lines and
     * one {@code RESULT <json>} line.
     */
    public static void main(String... args) throws Exception {
        Map<String, String> a = parse(args);
        List<String> tokens = a.containsKey("tokens") ? Files.readAllLines(Path.of(a.get("tokens"))) : List.of();
        List<PhaseSpec> phases = new ArrayList<>();
        for (String p : a.get("phases").split(",")) {
            String[] f = p.split(":");
            phases.add(new PhaseSpec(
                    f[0],
                    Kind.valueOf(f[1]),
                    Double.parseDouble(f[2]),
                    Duration.ofMillis((long) (Double.parseDouble(f[3]) * 1000)),
                    Boolean.parseBoolean(f[4]),
                    f.length > 5 ? Integer.parseInt(f[5]) : 0));
        }
        int n = Integer.parseInt(a.get("connections"));
        Config config = new Config(
                a.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(a.get("port")),
                a.get("path"),
                tokens.subList(0, Math.min(tokens.size(), n)),
                a.get("ticket-path"),
                n,
                Integer.parseInt(a.getOrDefault("publishers", "4")),
                Integer.parseInt(a.getOrDefault("concurrency", "128")),
                a.getOrDefault("local-addresses", "").isBlank()
                        ? List.of()
                        : List.of(a.get("local-addresses").split(",")),
                Integer.parseInt(a.getOrDefault("frame-bytes", "160")),
                Integer.parseInt(a.getOrDefault("event-loops", "2")),
                Long.parseLong(a.getOrDefault("server-pid", "-1")),
                a.containsKey("db-dir") ? Path.of(a.get("db-dir")) : null,
                Duration.ofMillis((long) (Double.parseDouble(a.getOrDefault("idle-seconds", "3")) * 1000)),
                Duration.ofMillis((long) (Double.parseDouble(a.getOrDefault("drain-seconds", "60")) * 1000)),
                Long.parseLong(a.getOrDefault("window", "20000")),
                phases,
                list(a.get("ports")).stream().map(Integer::valueOf).toList(),
                list(a.get("server-pids")).stream().map(Long::valueOf).toList(),
                list(a.get("metrics")));
        Report report = new LoadGenerator(config).run(line -> System.out.println("  " + line));
        System.out.println("RESULT " + JSON.writeValueAsString(report));
        System.out.flush();
        System.exit(0);
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.split(","));
    }

    static Map<String, String> parse(String... args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Expected --key=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            map.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return map;
    }
}
