package org.atrium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator of the polls and reactions benchmark (issue 17), in its own process: N connections in one room,
 * then (1) chat latency while the room is idle, (2) every connection votes once in an open poll within a window (2 s),
 * (3) every connection reacts at a rate (5/s) for a while (30 s) while chat latency is measured again. Prints progress
 * lines and one {@code RESULT <json>} line. Bounded in count and time, loopback only.
 */
public final class PollLoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Result(
            int connections,
            int joined,
            double joinSeconds,
            long idleChatP50Micros,
            long idleChatP99Micros,
            long idleChatSamples,
            int votesSent,
            int voteAcks,
            int voteErrors,
            String firstVoteError,
            double secondsToFinalResult,
            long finalVoters,
            List<Long> finalCounts,
            double resultFramesPerMemberPerSecond,
            double serverCoresDuringVotes,
            long reactionsSent,
            long reactionsRefused,
            long reactionsCountedByServer,
            double reactionFramesPerMemberPerSecond,
            double framesPerMemberPerSecondDuringReactions,
            long stormChatP50Micros,
            long stormChatP99Micros,
            long stormChatSamples,
            double serverCoresDuringReactions,
            long idleAckP50Micros,
            long idleAckP99Micros,
            long stormAckP50Micros,
            long stormAckP99Micros,
            double generatorCoresDuringReactions,
            double machineCoresDuringReactions) {}

    /** One connection's counters. */
    private static final class Member {
        final int index;
        WebSocket ws;
        volatile boolean joined;
        volatile boolean finalSeen;

        Member(int index) {
            this.index = index;
        }
    }

    private final Vertx vertx;
    private final Map<String, String> a;
    private final int n;
    private final long poll;
    private final int options;
    private Member[] members;

    private final AtomicInteger snapshots = new AtomicInteger();
    private final AtomicInteger voteAcks = new AtomicInteger();
    private final AtomicInteger voteErrors = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<String> firstVoteError =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final LongAdder resultFrames = new LongAdder();
    private final LongAdder reactionFrames = new LongAdder();
    private final LongAdder allFrames = new LongAdder();
    private final LongAdder reactionsRefused = new LongAdder();
    private final LongAdder reactionsCounted = new LongAdder();
    private final AtomicInteger finalSeen = new AtomicInteger();
    private final AtomicLong finalAt = new AtomicLong();
    private volatile long finalVoters;
    private volatile List<Long> finalCounts = List.of();
    private volatile boolean measuringChat;
    private final LatencyHistogram chat = new LatencyHistogram();
    /** From a chat line's send to its ack (stored), at the sender: the server's part without the fan-out. */
    private final LatencyHistogram chatAcks = new LatencyHistogram();

    PollLoadGenerator(Map<String, String> a) {
        this.a = a;
        this.n = Integer.parseInt(a.get("connections"));
        this.poll = Long.parseLong(a.get("poll"));
        this.options = Integer.parseInt(a.getOrDefault("options", "4"));
        this.vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(Integer.parseInt(a.getOrDefault("event-loops", "2"))));
    }

    Result run() throws Exception {
        long serverPid = Long.parseLong(a.getOrDefault("server-pid", "-1"));
        long t0 = System.nanoTime();
        connect();
        double joinSeconds = (System.nanoTime() - t0) / 1e9;
        log("%d/%d joined in %.1f s", snapshots.get(), n, joinSeconds);
        Thread.sleep(2000);

        // (1) chat latency in the idle room: the first member posts, every member times the line's arrival
        LatencyHistogram idle = chatProbe(Double.parseDouble(a.getOrDefault("chat-seconds", "10")), null);
        LatencyHistogram idleAcks = lastAcks;
        log(
                "idle chat: p50 %.1f ms, p99 %.1f ms (%d deliveries)",
                idle.quantile(0.5) / 1e3, idle.quantile(0.99) / 1e3, idle.count());

        // (2) every member votes once within the window
        double window = Double.parseDouble(a.getOrDefault("vote-seconds", "2"));
        resultFrames.reset();
        double cpu0 = ProcStats.cpuSeconds(serverPid);
        long voteStart = System.nanoTime();
        spread(
                window,
                (m, k) -> m.ws.writeTextMessage("{\"type\":\"poll.vote\",\"ref\":\"v-" + m.index + "\",\"pollId\":"
                        + poll + ",\"choices\":[" + (m.index % options) + "]}"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((finalSeen.get() < snapshots.get() || voteAcks.get() + voteErrors.get() < n)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double voteSeconds = (System.nanoTime() - voteStart) / 1e9;
        double cpu1 = ProcStats.cpuSeconds(serverPid);
        double toFinal = finalAt.get() == 0 ? -1 : (finalAt.get() - voteStart) / 1e9;
        double resultRate = resultFrames.sum() / (double) Math.max(1, snapshots.get()) / Math.max(0.001, toFinal);
        log(
                "votes: %d acks, %d errors; final result (%d voters, %s) at every member after %.2f s; %.2f result frames"
                        + " per member per second; server %.2f cores",
                voteAcks.get(),
                voteErrors.get(),
                finalVoters,
                finalCounts,
                toFinal,
                resultRate,
                (cpu1 - cpu0) / voteSeconds);

        // (3) every member reacts at a rate for a while; chat latency measured meanwhile
        double stormSeconds = Double.parseDouble(a.getOrDefault("reaction-seconds", "30"));
        double perSecond = Double.parseDouble(a.getOrDefault("reactions-per-second", "5"));
        String[] kinds = {"applause", "heart", "laugh", "surprise", "cant-hear"};
        reactionFrames.reset();
        allFrames.reset();
        reactionsCounted.reset();
        AtomicLong sent = new AtomicLong();
        double cpu2 = ProcStats.cpuSeconds(serverPid);
        long self = ProcessHandle.current().pid();
        double own2 = ProcStats.cpuSeconds(self);
        double[] machine2 = ProcStats.machineSeconds();
        long stormStart = System.nanoTime();
        Thread storm = Thread.ofPlatform().start(() -> {
            int rounds = (int) Math.round(stormSeconds * perSecond);
            try {
                for (int r = 0; r < rounds; r++) {
                    String frame = "{\"type\":\"reaction.send\",\"reaction\":\"" + kinds[r % kinds.length] + "\"}";
                    spread(1 / perSecond, (m, k) -> {
                        m.ws.writeTextMessage(frame);
                        sent.incrementAndGet();
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        LatencyHistogram stormChat = chatProbe(stormSeconds - 2, storm);
        LatencyHistogram stormAcks = lastAcks;
        storm.join();
        double stormElapsed = (System.nanoTime() - stormStart) / 1e9;
        double cpu3 = ProcStats.cpuSeconds(serverPid);
        double own3 = ProcStats.cpuSeconds(self);
        double[] machine3 = ProcStats.machineSeconds();
        double busy = (machine3[0] - machine2[0]) / stormElapsedSoFar(stormStart);
        Thread.sleep(1000); // the last ticks
        double members = Math.max(1, snapshots.get());
        double reactionRate = reactionFrames.sum() / members / stormElapsed;
        double frameRate = allFrames.sum() / members / stormElapsed;
        log(
                "reactions: %d sent, %d refused, %d counted in the frames of the first member; %.2f reaction frames and"
                        + " %.2f frames in all per member per second; chat p50 %.1f ms, p99 %.1f ms; server %.2f cores",
                sent.get(),
                reactionsRefused.sum(),
                reactionsCounted.sum(),
                reactionRate,
                frameRate,
                stormChat.quantile(0.5) / 1e3,
                stormChat.quantile(0.99) / 1e3,
                (cpu3 - cpu2) / stormElapsed);
        vertx.close();
        return new Result(
                n,
                snapshots.get(),
                joinSeconds,
                idle.quantile(0.5),
                idle.quantile(0.99),
                idle.count(),
                n,
                voteAcks.get(),
                voteErrors.get(),
                firstVoteError.get(),
                toFinal,
                finalVoters,
                finalCounts,
                resultRate,
                (cpu1 - cpu0) / voteSeconds,
                sent.get(),
                reactionsRefused.sum(),
                reactionsCounted.sum(),
                reactionRate,
                frameRate,
                stormChat.quantile(0.5),
                stormChat.quantile(0.99),
                stormChat.count(),
                (cpu3 - cpu2) / stormElapsed,
                idleAcks.quantile(0.5),
                idleAcks.quantile(0.99),
                stormAcks.quantile(0.5),
                stormAcks.quantile(0.99),
                (own3 - own2) / stormElapsed,
                busy);
    }

    private static double stormElapsedSoFar(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    interface Send {
        void to(Member m, int k);
    }

    /** Hands one frame to every joined member, spread evenly over {@code seconds}. */
    private void spread(double seconds, Send send) throws InterruptedException {
        long start = System.nanoTime();
        long span = (long) (seconds * 1e9);
        int slices = Math.max(1, (int) (seconds * 100)); // every 10 ms
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) members.length * s / slices);
            int to = (int) ((long) members.length * (s + 1) / slices);
            for (int i = from; i < to; i++) {
                Member m = members[i];
                if (m.joined) {
                    send.to(m, i);
                }
            }
            long next = start + span * (s + 1) / slices;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /** The first member posts two chat lines a second for {@code seconds}; every member times their arrival. */
    private volatile LatencyHistogram lastAcks;

    private LatencyHistogram chatProbe(double seconds, Thread until) throws InterruptedException {
        chat.reset();
        synchronized (chatAcks) {
            chatAcks.reset();
        }
        measuringChat = true;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            long at = System.nanoTime();
            members[0].ws.writeTextMessage(
                    "{\"type\":\"chat.post\",\"ref\":\"c-" + at + "-" + i++ + "\",\"text\":\"~" + at + "~\"}");
            Thread.sleep(500);
        }
        Thread.sleep(1500);
        measuringChat = false;
        LatencyHistogram copy = new LatencyHistogram();
        synchronized (chat) {
            copy.add(chat);
        }
        LatencyHistogram acks = new LatencyHistogram();
        synchronized (chatAcks) {
            acks.add(chatAcks);
        }
        lastAcks = acks;
        return copy;
    }

    private void onFrame(Member m, String text) {
        allFrames.increment();
        long now = System.nanoTime();
        if (text.startsWith("{\"type\":\"reactions\"")) {
            reactionFrames.increment();
            if (m.index == 0) {
                try {
                    for (JsonNode c : JSON.readTree(text).get("counts")) {
                        reactionsCounted.add(c.asLong());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        if (text.startsWith("{\"type\":\"presence\"")) {
            return;
        }
        try {
            JsonNode f = JSON.readTree(text);
            switch (f.path("type").asText()) {
                case "snapshot" -> {
                    m.joined = true;
                    snapshots.incrementAndGet();
                }
                case "poll.results" -> {
                    resultFrames.increment();
                    if (f.path("voters").asLong() >= n && !m.finalSeen) {
                        m.finalSeen = true;
                        finalVoters = f.path("voters").asLong();
                        List<Long> counts = new ArrayList<>();
                        f.path("counts").forEach(c -> counts.add(c.asLong()));
                        finalCounts = counts;
                        if (finalSeen.incrementAndGet() == snapshots.get()) {
                            finalAt.set(now);
                        }
                    }
                }
                case "ack" -> {
                    String ref = f.path("ref").asText();
                    if (ref.startsWith("v-")) {
                        voteAcks.incrementAndGet();
                    } else if (ref.startsWith("c-") && measuringChat) {
                        long sentAt = Long.parseLong(ref.substring(2, ref.indexOf('-', 2)));
                        synchronized (chatAcks) {
                            chatAcks.record((now - sentAt) / 1000);
                        }
                    }
                }
                case "error" -> {
                    String ref = f.path("ref").asText("");
                    if (ref.startsWith("v-")) {
                        voteErrors.incrementAndGet();
                        firstVoteError.compareAndSet(null, text);
                    } else if (f.path("code").asText().equals("reaction.rate-limited")) {
                        reactionsRefused.increment();
                    }
                }
                case "chat.posted" -> {
                    String t = f.at("/message/text").asText();
                    if (measuringChat && t.startsWith("~")) {
                        long sentAt = Long.parseLong(t.substring(1, t.length() - 1));
                        synchronized (chat) {
                            chat.record((now - sentAt) / 1000);
                        }
                    }
                }
                default -> {}
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void connect() throws InterruptedException {
        List<String> tokens;
        try {
            tokens = Files.readAllLines(Path.of(a.get("tokens")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String host = a.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(a.get("port"));
        String path = a.get("path");
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "64"));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(n + 16)
                .setConnectTimeout(60_000)
                .setTryUsePerMessageCompression(false));
        HttpClient http = vertx.createHttpClient(
                new HttpClientOptions().setMaxPoolSize(concurrency).setConnectTimeout(60_000));
        members = new Member[n];
        Semaphore permits = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            permits.acquire();
            Member m = new Member(i);
            members[i] = m;
            String token = tokens.get(i);
            RequestOptions request = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(host)
                    .setPort(port)
                    .setURI(a.getOrDefault("ticket-path", "/api/live/tickets"))
                    .putHeader("Authorization", "Bearer " + token);
            Future<WebSocket> upgraded = http.request(request)
                    .compose(r -> r.send())
                    .compose(r -> r.body())
                    .compose(body -> {
                        String ticket;
                        try {
                            ticket =
                                    JSON.readTree(body.getBytes()).get("ticket").asText();
                        } catch (Exception e) {
                            return Future.failedFuture(e);
                        }
                        return client.connect(new WebSocketConnectOptions()
                                .setHost(host)
                                .setPort(port)
                                .setURI(path + "?ticket=" + ticket));
                    });
            upgraded.onComplete(ar -> {
                if (ar.succeeded()) {
                    m.ws = ar.result();
                    m.ws.textMessageHandler(text -> onFrame(m, text));
                }
                permits.release();
                done.countDown();
            });
        }
        done.await(10, TimeUnit.MINUTES);
        http.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (snapshots.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("  " + String.format(format, args));
        System.out.flush();
    }

    public static void main(String... args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(LoadGenerator.parse(args));
        Result r = new PollLoadGenerator(a).run();
        System.out.println("RESULT " + JSON.writeValueAsString(r));
        System.out.flush();
        System.exit(0);
    }
}
