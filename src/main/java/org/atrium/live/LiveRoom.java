package org.atrium.live;

import io.netty.channel.EventLoop;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A live room in memory: its members grouped by event loop (so each event is handed to each loop once), the queue of
 * commands its single writer drains, and the writer's own bookkeeping (next seq, slow mode). The database stays the
 * source of truth; this is rebuilt on first use.
 */
final class LiveRoom {

    final String key;
    final long eventId;
    final Long sessionId;
    /** A work's room ({@code work:ID}, the work's guestbook): the work's id; null for other rooms. */
    final Long workId;

    final Map<EventLoop, Set<Member>> byLoop = new ConcurrentHashMap<>();
    private final Map<String, Integer> people = new ConcurrentHashMap<>();
    private volatile boolean presenceChanged;

    final ConcurrentLinkedQueue<Command> queue = new ConcurrentLinkedQueue<>();
    final AtomicBoolean draining = new AtomicBoolean();

    /** Writer only: the seq of the last stored event, -1 until loaded from the database. */
    long lastSeq = -1;
    /** Writer only: when each account last posted a chat line (slow mode). */
    final Map<String, Instant> lastChat = new HashMap<>();

    final RateLimits limits = new RateLimits();

    /** Per poll, its latest committed tally frame not yet sent; the ticker sends and removes it (see Reactions). */
    final Map<Long, Delivery> pollResults = new ConcurrentHashMap<>();

    /** Per poll, the last tally frame sent, for members who resume past it (a resume replays no ticks). */
    final Map<Long, Delivery> latestResults = new ConcurrentHashMap<>();

    /** Other nodes' tally frames for this room's polls, sent by this node's next tick (see Reactions). */
    final Map<Long, Delivery> othersPollResults = new ConcurrentHashMap<>();

    /** Other nodes' reactions in this room since the last tick, added to this node's next frame (see Reactions). */
    final java.util.concurrent.atomic.AtomicLongArray othersReactions =
            new java.util.concurrent.atomic.AtomicLongArray(Reactions.Kind.values().length);

    /** The reactions of the current tick, counted on the event loops (see Reactions). */
    final java.util.concurrent.atomic.AtomicLongArray reactions =
            new java.util.concurrent.atomic.AtomicLongArray(Reactions.Kind.values().length);

    /**
     * The highest seq this node has handed to the room's fan-out, from its own writer or read back after another
     * node's batch ({@link OtherNodes}); members drop what they had and catch up on any gap themselves.
     */
    final AtomicLong fannedOut = new AtomicLong();
    /** Another node's batches wait to be read while one read is under way (one reader per room). */
    final AtomicBoolean readingOthers = new AtomicBoolean();
    /** The highest seq another node announced for this room. */
    final AtomicLong announced = new AtomicLong();

    /**
     * What the writer checks each batch against (settings, mutes, banned words, session times) as of a value of the
     * event's change counter; a batch reads them again when the counter moved or it changes them itself.
     */
    record Rules(
            long generation,
            RoomSettings settings,
            Set<String> muted,
            Set<String> bannedWords,
            Instant startsAt,
            Instant endsAt) {}

    /** Shared by the rooms of one event: moves when a mute, the banned words or the schedule change. */
    final AtomicLong eventChanges;
    /** Writer only: the rules of the last committed batch that did not change them, or null. */
    Rules rules;

    /** What every member's snapshot at a seq shares, read once (see {@link RoomStore#snapshot}); null until a join. */
    volatile SharedSnapshot shared;
    /** One join of a storm reads the shared part of a new seq; the others wait for it instead of reading it too. */
    final ReentrantLock sharedReads = new ReentrantLock();

    LiveRoom(String key, long eventId, Long sessionId, AtomicLong eventChanges) {
        this.key = key;
        this.eventChanges = eventChanges;
        this.eventId = eventId;
        this.sessionId = sessionId;
        this.workId = key.startsWith(WORK_PREFIX) ? Long.valueOf(key.substring(WORK_PREFIX.length())) : null;
    }

    private static final String WORK_PREFIX = "work:";

    static String workKey(long workId) {
        return WORK_PREFIX + workId;
    }

    static String sessionKey(long sessionId) {
        return "session:" + sessionId;
    }

    static String eventKey(long eventId) {
        return "event:" + eventId;
    }

    /** From an event loop: one reaction into the current tick. */
    void react(Reactions.Kind kind) {
        reactions.incrementAndGet(kind.ordinal());
    }

    void add(Member m) {
        byLoop.computeIfAbsent(m.loop, l -> ConcurrentHashMap.newKeySet()).add(m);
        people.merge(m.subject, 1, Integer::sum);
        presenceChanged = true;
    }

    void remove(Member m) {
        Set<Member> set = byLoop.get(m.loop);
        if (set != null) {
            set.remove(m);
        }
        people.computeIfPresent(m.subject, (s, n) -> n == 1 ? null : n - 1);
        presenceChanged = true;
    }

    /** Distinct accounts in the room on this node (with the other nodes': {@link ClusterPresence#total}). */
    int presence() {
        return people.size();
    }

    /** Another node's head count for this room changed: members here are told at the next presence tick. */
    void presenceChangedElsewhere() {
        presenceChanged = true;
    }

    boolean takePresenceChange() {
        if (!presenceChanged) {
            return false;
        }
        presenceChanged = false;
        return true;
    }

    /** Whether any member is connected to this room on this node. */
    boolean hasMembers() {
        for (Set<Member> members : byLoop.values()) {
            if (!members.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Hands one frame to one account's members only (a personal notice; see {@link PersonalNotices}). */
    void tell(String subject, Delivery delivery) {
        Delivery framed = delivery.framed();
        byLoop.forEach((loop, members) -> {
            if (members.stream().anyMatch(m -> m.subject.equals(subject))) {
                loop.execute(() -> {
                    for (Member m : members) {
                        if (m.subject.equals(subject)) {
                            m.deliver(framed);
                            m.flush();
                        }
                    }
                });
            }
        });
    }

    /** Hands the events to every loop once; each loop delivers them to its members in order. */
    void fanOut(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        fannedOut.accumulateAndGet(deliveries.get(deliveries.size() - 1).seq(), Math::max);
        List<Delivery> batch = deliveries.stream().map(Delivery::framed).toList();
        byLoop.forEach((loop, members) -> {
            if (!members.isEmpty()) {
                loop.execute(() -> {
                    for (Member m : members) {
                        for (Delivery d : batch) {
                            m.deliver(d);
                        }
                        m.flush();
                    }
                });
            }
        });
    }
}
