package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.atrium.common.Resumed;
import org.atrium.security.AccountSignedOut;
import org.atrium.security.Accounts;
import org.jboss.logging.Logger;

/**
 * The open live connections: joining a room (admission, the per-account cap, the snapshot or the events missed since
 * a resume's seq), reading back what a member missed, leaving, the end of a sign-in (token expiry, back-channel
 * logout), pings, and the room's head count (presence).
 */
@ApplicationScoped
class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class);
    private static final long EXPIRY_MARGIN_MILLIS = 2000;

    @Inject
    ObjectMapper json;

    @Inject
    RoomStore store;

    @Inject
    Admission admission;

    @Inject
    WorkRooms workRooms;

    @Inject
    LiveRooms rooms;

    @Inject
    LiveConfig config;

    @Inject
    Clock clock;

    private final Map<String, Member> members = new ConcurrentHashMap<>();
    /** Open connections per account, changed atomically per account (compute) so opens and closes cannot race. */
    private final Map<String, Integer> connectionsPerAccount = new ConcurrentHashMap<>();

    /**
     * Reads the events a live member missed (a fan-out that never came; rare, but then for every member of the room at
     * once): two threads and a queue, so a room of thousands does not start thousands of threads or drain the
     * connection pool.
     */
    private final ThreadPoolExecutor refills = new ThreadPoolExecutor(
            2,
            2,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("live-refill-", 0).daemon().factory());

    {
        refills.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs the joins (admission and snapshot), {@code atrium.live.concurrent-joins} at a time; the others queue here,
     * not each on a blocked worker thread (a join storm grew the worker pool to its maximum, and its threads stayed).
     */
    private ThreadPoolExecutor joins;

    /** The member on this connection, or null before its join and after it left. */
    Member member(String connectionId) {
        return members.get(connectionId);
    }

    // ---- joining and leaving -------------------------------------------------------------------------------------

    /**
     * On the connection's event loop: admits the connection to its room and sends the snapshot or what it missed, on a
     * join thread. Completes, back on the connection's event loop, when the join is done: websockets-next hands the
     * connection its frames only after that, and they are read on the event loop as always ({@link Intake}).
     */
    Uni<Void> open(WebSocketConnection connection, SecurityIdentity identity, Channel channel, String target) {
        EventLoop loop = loopOf();
        return Resumed.here(CompletableFuture.runAsync(() -> join(connection, identity, channel, target, loop), joins));
    }

    @PostConstruct
    void startJoinThreads() {
        int threads = Math.max(1, config.concurrentJoins());
        joins = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("live-join-", 0).daemon().factory());
        joins.allowCoreThreadTimeOut(true);
    }

    private void join(
            WebSocketConnection connection, SecurityIdentity identity, Channel channel, String target, EventLoop loop) {
        String subject = Accounts.subjectOf(identity);
        Admission.Pass pass;
        try {
            pass = switch (channel) {
                case SESSION -> admission.session(target, subject);
                case EVENT -> admission.event(target, subject);
                case WORK -> workRooms.admit(target, subject);
            };
        } catch (RuntimeException e) {
            LOG.warnf("Could not admit %s to %s: %s", subject, target, e.toString());
            refuse(connection, "storage.unavailable", "The room is not available now; try again.", 1011);
            return;
        }
        if (pass.verdict() != Admission.Verdict.ADMITTED) {
            boolean notFound = pass.verdict() == Admission.Verdict.NOT_FOUND;
            String code = notFound ? channel.notFound : "live.not-admitted";
            String message = notFound
                    ? "No such room."
                    : channel == Channel.WORK
                            ? "This gallery is open to the event's registered participants: register to enter."
                            : "Only this event's confirmed participants, speakers and organisers may join.";
            refuse(
                    connection,
                    code,
                    message,
                    notFound ? LiveProtocol.CLOSE_NOT_FOUND : LiveProtocol.CLOSE_NOT_ADMITTED);
            return;
        }
        boolean[] counted = {false};
        connectionsPerAccount.compute(subject, (s, n) -> {
            int open = n == null ? 0 : n;
            if (open >= config.maxConnectionsPerAccount()) {
                return n;
            }
            counted[0] = true;
            return open + 1;
        });
        if (!counted[0]) {
            refuse(
                    connection,
                    "live.too-many-connections",
                    "This account has too many open live connections.",
                    LiveProtocol.CLOSE_TOO_MANY_CONNECTIONS);
            return;
        }
        LiveRoom room = rooms.room(pass.room(), pass.eventId(), pass.sessionId());
        Member member = new Member(
                connection,
                loop,
                subject,
                Accounts.displayNameOf(identity),
                pass.stageName(),
                pass.moderator(),
                pass.organiser(),
                room,
                config.maxPendingFrames(),
                this::refill);
        if (member.fanOutPath() != Member.FanOutPath.SHARED_FRAMES && fallbacks != null) {
            fallbacks.increment();
        }
        members.put(connection.id(), member);
        room.add(member);
        scheduleExpiry(member, identity);
        sendJoinFrames(member, since(connection), resumeFrame(identity, channel, target));
    }

    /** The member's resume ticket for this room, sent after its join frames; null when it could not be minted. */
    private String resumeFrame(SecurityIdentity identity, Channel channel, String target) {
        try {
            return LiveProtocol.resume(tickets.resume(LiveTickets.Grant.of(identity), channel.segment + "/" + target));
        } catch (RuntimeException e) {
            LOG.warnf("No resume ticket for a member of %s/%s: %s", channel.segment, target, e.toString());
            return null; // the member reconnects with a new ticket, as before resume tickets
        }
    }

    /**
     * Reads what a member needs before room events (a snapshot, or the events after {@code since}) and hands it over;
     * the member goes live with it and then sends the room events held back meanwhile, past what was read. The member
     * is in the room before this reads, so every batch committed after the read reaches it through the fan-out. A join
     * ends with the member's {@code resume} frame (null for a refill).
     */
    private void sendJoinFrames(Member member, Long since, String resume) {
        LiveRoom room = member.room;
        try {
            List<String> frames = new ArrayList<>();
            long seq = catchUp(room, member, since, frames);
            if (resume != null) {
                frames.add(resume);
            }
            member.loop.execute(() -> member.goLive(frames, seq));
        } catch (RuntimeException e) {
            LOG.warn("Could not send the join frames of " + room.key, e);
            member.fail(
                    LiveProtocol.error(json, null, "storage.unavailable", "The room is not available now.", Map.of()),
                    1011,
                    "storage.unavailable");
        }
    }

    /**
     * A live member got a room event that skips a seq (its fan-out never reached the member, e.g. a commit whose outcome
     * the writer could not learn): it holds its room events while the missing ones are read from the database.
     */
    private void refill(Member member, long after) {
        LOG.debugf("Room %s: %s missed events after seq %d; reading them back", member.room.key, member.subject, after);
        refills.execute(() -> {
            if (members.get(member.connection.id()) == member) { // not gone meanwhile
                sendJoinFrames(member, after, null);
            }
        });
    }

    private long catchUp(LiveRoom room, Member member, Long since, List<String> frames) {
        if (since != null) {
            List<Delivery> missed = store.since(room, since);
            if (missed != null) {
                long seq = since;
                for (Delivery d : missed) {
                    String frame = member.frameOf(d);
                    if (frame != null) {
                        frames.add(frame);
                    }
                    seq = d.seq();
                }
                // ticks are not replayed: the latest tally of each poll, where this member may see it
                for (Delivery d : room.latestResults.values()) {
                    String frame = member.frameOf(d);
                    if (frame != null) {
                        frames.add(frame);
                    }
                }
                return seq;
            }
        }
        String reason = since == null ? "join" : "too-far-behind";
        RoomStore.Snapshot snapshot = store.snapshot(room, member, reason, clusterPresence.total(room));
        frames.add(snapshot.frame());
        return snapshot.seq();
    }

    private static Long since(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("since=")) {
                try {
                    long v = Long.parseLong(part.substring(6));
                    return v < 0 ? null : v;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    void closed(String connectionId) {
        Member member = members.remove(connectionId);
        if (member == null) {
            return;
        }
        member.room.remove(member);
        connectionsPerAccount.computeIfPresent(member.subject, (s, n) -> n <= 1 ? null : n - 1);
    }

    private void refuse(WebSocketConnection connection, String code, String message, int closeCode) {
        String frame = LiveProtocol.error(json, null, code, message, Map.of());
        connection
                .sendText(frame)
                .onItemOrFailure()
                .transformToUni((v, e) -> connection.close(new CloseReason(closeCode, code)))
                .subscribe()
                .with(v -> {}, e -> {});
    }

    private static EventLoop loopOf() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal) {
            return internal.nettyEventLoop();
        }
        throw new IllegalStateException("A live connection must be opened on a Vert.x context");
    }

    // ---- the end of a sign-in, and pings --------------------------------------------------------------------------

    /** When the token expires the connection is told ({@code auth.expired}) and closed with 4001 (see {@link #sweep}). */
    private void scheduleExpiry(Member member, SecurityIdentity identity) {
        Optional<Instant> expires = Accounts.expiresAt(identity);
        if (expires.isEmpty()) {
            return;
        }
        member.expiresAtMillis = expires.get().toEpochMilli();
        if (member.expiresAtMillis - EXPIRY_MARGIN_MILLIS <= clock.millis()) {
            expire(member);
        }
    }

    /**
     * The identity provider ended a sign-in of this account (back-channel logout): its connections close as if their
     * token expired (4001). A client resumes with a fresh ticket, which a token of the ended session no longer gets,
     * while the account's other devices resume silently.
     */
    void onSignedOut(@Observes AccountSignedOut signedOut) {
        for (Member member : members.values()) {
            if (member.subject.equals(signedOut.subject())) {
                expire(member);
            }
        }
    }

    private void expire(Member member) {
        member.expiresAtMillis = Long.MAX_VALUE;
        member.fail(
                LiveProtocol.error(
                        json,
                        null,
                        "auth.expired",
                        "Your sign-in has expired; reconnect with a fresh token.",
                        Map.of()),
                LiveProtocol.CLOSE_AUTH_EXPIRED,
                "auth.expired");
    }

    private long sweeps;

    /**
     * Once a second, one pass over the connections instead of timers per connection (they cost memory for each of
     * thousands of idle members): expires those whose sign-in ends within {@link #EXPIRY_MARGIN_MILLIS} (websockets-next
     * itself drops a connection at its token's exp, without telling the client why) and pings a slice of them, so
     * each is pinged once per {@code atrium.live.ping-interval} and the pings of a full room are spread over it. It
     * also drops the rooms' ended rate-limit windows, which would otherwise pile up for every account ever seen.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        long now = clock.millis();
        for (LiveRoom room : rooms.all()) {
            room.limits.expire(now);
        }
        long deadline = now + EXPIRY_MARGIN_MILLIS;
        long slots = Math.max(0, config.pingInterval().toSeconds());
        long slot = slots == 0 ? -1 : sweeps++ % slots;
        long nowNanos = System.nanoTime();
        long maxSilence = slots == 0 ? 0 : config.maxSilence().toNanos();
        for (Member m : members.values()) {
            if (m.expiresAtMillis <= deadline) {
                expire(m);
            } else if (maxSilence > 0 && !m.silenced && m.silentNanos(nowNanos) > maxSilence) {
                silent(m);
            } else if (slot >= 0 && (m.connection.id().hashCode() & 0x7fffffff) % slots == slot) {
                m.ping();
            }
        }
    }

    /**
     * The peer answered no ping for {@code atrium.live.max-silence}: it is gone (a dropped network sends no FIN), so it
     * leaves the room and its presence now, not when TCP gives up many minutes later. A client that is still there
     * (a network back after a long gap) gets the close and resumes with {@code since}, as after any drop.
     */
    private void silent(Member member) {
        member.silenced = true;
        if (silentClosed != null) {
            silentClosed.increment();
        }
        member.fail(
                LiveProtocol.error(
                        json, null, "live.silent", "Nothing was heard from this connection for too long.", Map.of()),
                LiveProtocol.CLOSE_SILENT,
                "live.silent");
    }

    // ---- presence ------------------------------------------------------------------------------------------------

    /** At most once a second, rooms whose head count changed tell their members. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void presence() {
        clusterPresence.tick();
        for (LiveRoom room : rooms.all()) {
            if (room.takePresenceChange() && room.hasMembers()) {
                room.fanOut(List.of(
                        Delivery.unsequenced("{\"type\":\"presence\",\"count\":" + clusterPresence.total(room) + "}")));
            }
        }
    }

    @Inject
    ClusterPresence clusterPresence;

    @Inject
    LiveTickets tickets;

    private volatile Counter fallbacks;
    private volatile Counter silentClosed;

    void metrics(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("atrium.live.connections", members, Map::size)
                .description("Open live connections (members of a room)")
                .register(registry);
        fallbacks = Counter.builder("atrium.live.fanout.fallbacks")
                .description("Live connections whose room events go out on a slower path than shared frames")
                .register(registry);
        silentClosed = Counter.builder("atrium.live.silent.closed")
                .description("Live connections closed because their peer answered no ping for atrium.live.max-silence")
                .register(registry);
    }

    /** The members now connected (for tests and diagnostics). */
    Collection<Member> all() {
        return members.values();
    }

    void shutdown(@Observes ShutdownEvent event) {
        refills.shutdown();
        joins.shutdown();
    }
}
