package org.atrium.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.atrium.common.DomainException;
import org.atrium.common.StrictJson;
import org.atrium.schedule.SessionChanged;
import org.atrium.security.AccountSignedOut;
import org.atrium.security.Accounts;
import org.jboss.logging.Logger;

/**
 * The live hub: thin routing from connections to the rooms' use cases. A command is checked (shape, rights, rate) on
 * the connection's worker thread, queued to its room's single writer, stored with the next seqs in one transaction
 * per batch, then acknowledged and fanned out, each event serialised once.
 */
@ApplicationScoped
class Hub {

    private static final Logger LOG = Logger.getLogger(Hub.class);
    private static final long EXPIRY_MARGIN_MILLIS = 2000;

    @Inject
    ObjectMapper json;

    @Inject
    RoomStore store;

    @Inject
    Admission admission;

    @Inject
    LiveConfig config;

    @Inject
    Clock clock;

    private final Map<String, LiveRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    /** Per event: moves when something its rooms' writers keep between batches changed (see LiveRoom.Rules). */
    private final Map<Long, AtomicLong> eventChanges = new ConcurrentHashMap<>();
    /** Open connections per account, changed atomically per account (compute) so opens and closes cannot race. */
    private final Map<String, Integer> connectionsPerAccount = new ConcurrentHashMap<>();

    /**
     * Room writers run on platform threads (one per room being written, idle ones retire after a minute): a batch is a
     * few blocking JDBC round trips, and a virtual thread pays two wake-ups for each (poller, then carrier), which a
     * busy 2-core box turns into milliseconds per line.
     */
    private final ExecutorService writers = new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            Thread.ofPlatform().name("live-writer-", 0).daemon().factory());

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

    private volatile Semaphore joins;

    enum Channel {
        SESSION,
        EVENT
    }

    // ---- joining and leaving -------------------------------------------------------------------------------------

    /** On a worker thread: admits the connection to its room and sends the snapshot or what it missed. */
    void open(WebSocketConnection connection, SecurityIdentity identity, Channel channel, String target) {
        Semaphore gate = joinGate();
        gate.acquireUninterruptibly();
        try {
            join(connection, identity, channel, target);
        } finally {
            gate.release();
        }
    }

    private Semaphore joinGate() {
        Semaphore gate = joins;
        if (gate == null) {
            synchronized (this) {
                if (joins == null) {
                    joins = new Semaphore(Math.max(1, config.concurrentJoins()), true);
                }
                gate = joins;
            }
        }
        return gate;
    }

    private void join(WebSocketConnection connection, SecurityIdentity identity, Channel channel, String target) {
        String subject = Accounts.subjectOf(identity);
        Admission.Pass pass;
        try {
            pass = channel == Channel.SESSION ? admission.session(target, subject) : admission.event(target, subject);
        } catch (RuntimeException e) {
            LOG.warnf("Could not admit %s to %s: %s", subject, target, e.toString());
            refuse(connection, "storage.unavailable", "The room is not available now; try again.", 1011);
            return;
        }
        EventLoop loop = loopOf();
        if (pass.verdict() != Admission.Verdict.ADMITTED) {
            boolean notFound = pass.verdict() == Admission.Verdict.NOT_FOUND;
            String code = notFound
                    ? (channel == Channel.SESSION ? "session.not-found" : "event.not-found")
                    : "live.not-admitted";
            String message = notFound
                    ? "No such room."
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
        LiveRoom room = room(pass.room(), pass.eventId(), pass.sessionId());
        Member member = new Member(
                connection,
                loop,
                subject,
                Accounts.displayNameOf(identity),
                pass.moderator(),
                pass.organiser(),
                room,
                config.maxPendingFrames(),
                this::refill);
        members.put(connection.id(), member);
        room.add(member);
        scheduleExpiry(member, identity);
        sendJoinFrames(member, since(connection));
    }

    /**
     * Reads what a member needs before room events (a snapshot, or the events after {@code since}) and hands it over;
     * the member goes live with it and then sends the room events held back meanwhile, past what was read. The member
     * is in the room before this reads, so every batch committed after the read reaches it through the fan-out.
     */
    private void sendJoinFrames(Member member, Long since) {
        LiveRoom room = member.room;
        try {
            List<String> frames = new ArrayList<>();
            long seq = catchUp(room, member, since, frames);
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
                sendJoinFrames(member, after);
            }
        });
    }

    LiveRoom room(String key, long eventId, Long sessionId) {
        return rooms.computeIfAbsent(key, k -> new LiveRoom(k, eventId, sessionId, changesOf(eventId)));
    }

    private AtomicLong changesOf(long eventId) {
        return eventChanges.computeIfAbsent(eventId, id -> new AtomicLong());
    }

    /** The next batch of every room of the event reads the rules again (mutes, banned words, session times). */
    void rulesChanged(long eventId) {
        changesOf(eventId).incrementAndGet();
    }

    void bannedWordsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) BannedWordsChanged change) {
        rulesChanged(change.eventId());
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
                return seq;
            }
        }
        String reason = since == null ? "join" : "too-far-behind";
        RoomStore.Snapshot snapshot = store.snapshot(room, member, reason, room.presence());
        frames.add(snapshot.frame());
        return snapshot.seq();
    }

    private Long since(WebSocketConnection connection) {
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
                .transformToUni((v, e) -> connection.close(new io.quarkus.websockets.next.CloseReason(closeCode, code)))
                .subscribe()
                .with(v -> {}, e -> {});
    }

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
        for (LiveRoom room : rooms.values()) {
            room.limits.expire(now);
        }
        long deadline = now + EXPIRY_MARGIN_MILLIS;
        long slots = Math.max(0, config.pingInterval().toSeconds());
        long slot = slots == 0 ? -1 : sweeps++ % slots;
        for (Member m : members.values()) {
            if (m.expiresAtMillis <= deadline) {
                expire(m);
            } else if (slot >= 0 && (m.connection.id().hashCode() & 0x7fffffff) % slots == slot) {
                m.ping();
            }
        }
    }

    private static EventLoop loopOf() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal) {
            return internal.nettyEventLoop();
        }
        throw new IllegalStateException("A live connection must be opened on a Vert.x context");
    }

    // ---- commands ------------------------------------------------------------------------------------------------

    /** On the connection's event loop, after its join: checks a client frame and queues it to its room's writer. */
    void receive(WebSocketConnection connection, String text) {
        Member member = members.get(connection.id());
        if (member == null) {
            // not (or no longer) a member: refused, closing, or a frame that overtook its own join; say so, never drop
            connection
                    .sendText(LiveProtocol.error(
                            json, null, "live.not-joined", "Not in the room yet; wait for the snapshot.", Map.of()))
                    .subscribe()
                    .with(v -> {}, e -> {});
            return;
        }
        if (text.length() > config.maxFrameChars()) {
            member.close(LiveProtocol.CLOSE_TOO_BIG, "frame.too-big");
            return;
        }
        String ref = null;
        try {
            JsonNode frame;
            try {
                frame = json.readTree(text);
            } catch (JsonProcessingException e) {
                if (StrictJson.isDuplicateKey(e)) {
                    throw new DomainException(
                            400, "json.duplicate-key", "A field is given more than once in the frame.");
                }
                throw new DomainException(400, "json.malformed", "The frame is not well-formed JSON.");
            }
            if (frame == null || !frame.isObject()) {
                throw new DomainException(400, "json.malformed", "A frame must be a JSON object.");
            }
            JsonNode refNode = frame.get("ref");
            if (refNode != null && refNode.isTextual()) {
                ref = refNode.asText();
            }
            JsonNode typeNode = frame.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                throw Command.missing("type");
            }
            String type = typeNode.asText();
            Set<String> allowed =
                    member.room.sessionId != null ? LiveProtocol.SESSION_COMMANDS : LiveProtocol.EVENT_COMMANDS;
            if (!allowed.contains(type)) {
                throw new DomainException(400, "message.unknown-type", "Unknown message type '" + type + "'.");
            }
            if (type.equals("ping")) {
                member.send(
                        ref == null
                                ? "{\"type\":\"pong\"}"
                                : "{\"type\":\"pong\",\"ref\":" + json.writeValueAsString(ref) + "}");
                return;
            }
            if (ref == null) {
                throw refNode == null ? Command.missing("ref") : Command.invalid("ref", "a string");
            }
            if (ref.isEmpty() || ref.length() > 64) {
                throw Command.invalid("ref", "1 to 64 characters");
            }
            if (LiveProtocol.MODERATOR_COMMANDS.contains(type) && !member.moderator) {
                throw DomainException.forbidden("Only this room's moderators may do this.");
            }
            Command command = new Command(member, type, ref, frame);
            check(command);
            limit(member, type);
            submit(member.room, command);
        } catch (DomainException e) {
            member.send(LiveProtocol.error(json, ref, e.code(), e.getMessage(), e.details()));
        } catch (JsonProcessingException e) {
            member.send(LiveProtocol.error(json, ref, "json.malformed", "The frame could not be read.", Map.of()));
        }
    }

    /** The fields each command needs, checked before it is queued. */
    private void check(Command c) {
        int max = config.maxTextLength();
        switch (c.type()) {
            case "question.ask", "chat.post", "announcement.post" -> c.text("text", max);
            case "question.edit", "question.reply" -> {
                c.id("questionId");
                c.text("text", max);
            }
            case "question.merge" -> {
                c.id("questionId");
                c.id("into");
            }
            case "chat.delete" -> c.id("messageId");
            case "member.mute", "member.unmute" -> c.string("subject");
            case "room.configure", "qa.open", "qa.close", "qa.auto" -> {}
            default -> c.id("questionId");
        }
    }

    private void limit(Member member, String type) {
        String kind;
        int perMinute;
        if (type.equals("question.ask") || type.equals("question.edit") || type.equals("question.withdraw")) {
            kind = "question";
            perMinute = config.asksPerMinute();
        } else if (type.equals("question.vote") || type.equals("question.unvote")) {
            kind = "vote";
            perMinute = config.votesPerMinute();
        } else if (type.equals("chat.post")) {
            kind = "chat";
            perMinute = config.chatPerMinute();
        } else {
            kind = "moderation";
            perMinute = config.moderationPerMinute();
        }
        if (!member.room.limits.tryAcquire(member.subject, kind, perMinute, clock.millis())) {
            throw new DomainException(
                    429, kind + ".rate-limited", "Too many requests; wait a moment.", Map.of("perMinute", perMinute));
        }
    }

    // ---- the room writer -----------------------------------------------------------------------------------------

    void submit(LiveRoom room, Command command) {
        room.queue.add(command);
        if (room.draining.compareAndSet(false, true)) {
            writers.execute(() -> drain(room));
        }
    }

    /** The room's single writer: takes everything queued, stores it in one transaction, then acks and fans out. */
    private void drain(LiveRoom room) {
        while (true) {
            List<Command> batch = new ArrayList<>();
            Command c;
            while (batch.size() < config.maxBatch() && (c = room.queue.poll()) != null) {
                batch.add(c);
            }
            if (batch.isEmpty()) {
                room.draining.set(false);
                if (room.queue.isEmpty() || !room.draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            write(room, batch);
        }
    }

    private void write(LiveRoom room, List<Command> batch) {
        RoomStore.Result result = store(room, batch);
        if (result != null) {
            publish(room, result);
        }
    }

    /**
     * The writer's first half: stores a batch in one transaction and moves the room's memory on; when the database
     * fails, tells the senders and returns null (nothing stored).
     */
    RoomStore.Result store(LiveRoom room, List<Command> batch) {
        RoomStore.Result result;
        try {
            result = store.apply(room, batch);
        } catch (RuntimeException e) {
            LOG.warnf("Room %s could not store %d commands: %s", room.key, batch.size(), e.toString());
            room.lastSeq = -1;
            room.rules = null;
            for (Command c : batch) {
                if (c.member() == null) {
                    continue;
                }
                c.member()
                        .send(LiveProtocol.error(
                                json,
                                c.ref(),
                                "storage.unavailable",
                                "Your message could not be stored; nothing changed. Send it again with the same ref.",
                                Map.of()));
            }
            return null;
        }
        room.lastSeq = result.lastSeq();
        room.rules = result.rules();
        if (result.rules() == null) {
            // an event-wide mute reaches the event's other rooms too
            rulesChanged(room.eventId);
        }
        room.lastChat.putAll(result.chatTimes());
        return result;
    }

    /** The writer's second half, after the commit: acks (or refuses) each command and fans the new events out. */
    void publish(LiveRoom room, RoomStore.Result result) {
        List<Delivery> deliveries = new ArrayList<>();
        for (RoomStore.Outcome o : result.outcomes()) {
            Member sender = o.command().member();
            if (sender == null) {
                if (o.error() == null && !o.repeat()) {
                    Batch.Applied a = o.applied();
                    deliveries.add(LiveProtocol.render(json, a.event(), o.seq(), a.owner(), a.restricted()));
                } else if (o.error() != null) {
                    LOG.warnf(
                            "Room %s refused %s: %s",
                            room.key, o.command().type(), o.error().getMessage());
                }
                continue;
            }
            if (o.error() != null) {
                sender.send(LiveProtocol.error(
                        json,
                        o.command().ref(),
                        o.error().code(),
                        o.error().getMessage(),
                        o.error().details()));
            } else {
                sender.send(LiveProtocol.ack(o.seq(), o.command().ref()));
                if (!o.repeat()) {
                    Batch.Applied a = o.applied();
                    deliveries.add(LiveProtocol.render(json, a.event(), o.seq(), a.owner(), a.restricted()));
                }
            }
        }
        room.fanOut(deliveries);
    }

    /**
     * After a session is created, moved or cancelled, the event channel tells everyone ({@code session.changed}),
     * stored like any room event so late joiners can resume past it.
     */
    void sessionChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionChanged change) {
        rulesChanged(change.eventId());
        LiveRoom room = room(LiveRoom.eventKey(change.eventId()), change.eventId(), null);
        com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode()
                .put("sessionId", change.sessionId())
                .put("change", change.kind().name().toLowerCase())
                .put("scheduleRevision", change.scheduleRevision());
        String ref = "session-" + change.sessionId() + "-" + change.scheduleRevision() + "-"
                + change.kind().name().toLowerCase();
        submit(room, new Command(null, "session.changed", ref, body));
    }

    // ---- presence ------------------------------------------------------------------------------------------------

    /** At most once a second, rooms whose head count changed tell their members. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void presence() {
        for (LiveRoom room : rooms.values()) {
            if (room.takePresenceChange()) {
                room.fanOut(List.of(Delivery.unsequenced("{\"type\":\"presence\",\"count\":" + room.presence() + "}")));
            }
        }
    }

    void metrics(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("atrium.live.connections", members, Map::size)
                .description("Open live connections (members of a room)")
                .register(registry);
        Gauge.builder("atrium.live.rooms", rooms, Map::size)
                .description("Live rooms in memory")
                .register(registry);
    }

    void shutdown(@Observes ShutdownEvent event) {
        writers.shutdown();
        refills.shutdown();
    }
}
