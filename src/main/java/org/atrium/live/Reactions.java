package org.atrium.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.atrium.cluster.ClusterChannel;
import org.atrium.cluster.ClusterMessage;
import org.jboss.logging.Logger;

/**
 * The rooms' tick (every {@code atrium.live.tick}, 250 ms): per room, the reactions counted since the last tick go out
 * as one {@code reactions} frame, and each poll whose tally moved as one {@code poll.results} frame, so a keynote of
 * thousands clapping or voting costs each member a few frames a second, not one per clap or vote. Reactions are never
 * stored one by one: the ticks add up per room and minute in memory, and {@link #flush} writes those totals (with the
 * minute's peak head count) in one batch every few seconds, for the session's statistics.
 *
 * <p>Several nodes: each tick, this node announces what it counted and the tallies its writers moved, for all its rooms
 * in one cluster message ({@link #TOPIC}); another node adds those reactions to its own next frame for the room and
 * sends those tallies with its next tick, so a member anywhere gets at most one {@code reactions} frame per tick with
 * the whole room's reactions. Each node writes only its own counts to the minutes (the upsert adds them up).
 */
@ApplicationScoped
class Reactions {

    private static final Logger LOG = Logger.getLogger(Reactions.class);

    /** The reactions a member may send; the wire names are lower case ({@code cant-hear}). */
    enum Kind {
        APPLAUSE,
        HEART,
        LAUGH,
        SURPRISE,
        CANT_HEAR;

        final String wire = name().toLowerCase(Locale.ROOT).replace('_', '-');

        static Kind fromWire(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            return null;
        }

        static String wireNames() {
            return Arrays.stream(values()).map(k -> k.wire).collect(Collectors.joining(", "));
        }
    }

    /** A room's totals for one minute, not yet written. */
    private static final class Minute {
        final long[] counts = new long[Kind.values().length];
        int peakPresence;
    }

    private record MinuteKey(String room, Instant minute) {}

    @Inject
    LiveRooms rooms;

    @Inject
    LiveConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ClusterChannel cluster;

    @Inject
    ClusterPresence presence;

    /** The cluster message of a tick: {@code {"rooms":[{"room":..,"counts":[..],"polls":[{"restricted":..,"frame":..}]}]}}. */
    static final String TOPIC = "tick";

    private final Map<MinuteKey, Minute> unwritten = new HashMap<>();

    private ScheduledExecutorService ticker;

    void start(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("live-tick").daemon().factory());
        long period = Math.max(10, config.tick().toMillis());
        ticker.scheduleAtFixedRate(this::tickSafely, period, period, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warnf("Live tick failed: %s", e.toString());
        }
    }

    /** One tick of every room: its reaction counts and its moved poll tallies, one frame each at most. */
    void tick() {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        ArrayNode announced = json.createArrayNode();
        for (LiveRoom room : rooms.all()) {
            List<Delivery> frames = new ArrayList<>(2);
            long[] counts = new long[Kind.values().length];
            long[] shown = new long[counts.length];
            long total = 0;
            long shownTotal = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = room.reactions.getAndSet(i, 0);
                shown[i] = counts[i] + room.othersReactions.getAndSet(i, 0);
                total += counts[i];
                shownTotal += shown[i];
            }
            if (shownTotal > 0) {
                StringBuilder frame = new StringBuilder("{\"type\":\"reactions\",\"counts\":{");
                for (Kind k : Kind.values()) {
                    if (k.ordinal() > 0) {
                        frame.append(',');
                    }
                    frame.append('"').append(k.wire).append("\":").append(shown[k.ordinal()]);
                }
                frames.add(Delivery.unsequenced(frame.append("}}").toString()));
            }
            List<Delivery> ours = takeResults(room.pollResults, room, frames);
            takeResults(room.othersPollResults, room, frames);
            room.fanOut(frames);
            if (total > 0 || !ours.isEmpty()) {
                ObjectNode entry = announced.addObject().put("room", room.key);
                ArrayNode c = entry.putArray("counts");
                for (long n : counts) {
                    c.add(n);
                }
                ArrayNode polls = entry.putArray("polls");
                for (Delivery d : ours) {
                    polls.addObject()
                            .put("restricted", d.restricted())
                            .put("frame", d.full().text());
                }
            }
            int people = room.hasMembers() ? presence.total(room) : 0;
            if (total > 0 || people > 0) {
                synchronized (unwritten) {
                    Minute m = unwritten.computeIfAbsent(new MinuteKey(room.key, minute), k -> new Minute());
                    for (int i = 0; i < counts.length; i++) {
                        m.counts[i] += counts[i];
                    }
                    m.peakPresence = Math.max(m.peakPresence, people);
                }
            }
        }
        announce(announced);
    }

    /** Takes the tally frames waiting in {@code waiting} into {@code frames}; returns the ones taken. */
    private static List<Delivery> takeResults(Map<Long, Delivery> waiting, LiveRoom room, List<Delivery> frames) {
        List<Delivery> taken = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Delivery>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Delivery> e = it.next();
            // remove only the frame taken: a newer one put meanwhile stays for the next tick
            if (waiting.remove(e.getKey(), e.getValue())) {
                frames.add(e.getValue());
                taken.add(e.getValue());
                room.latestResults.put(e.getKey(), e.getValue());
            }
        }
        return taken;
    }

    /** One cluster message per tick (more only when the rooms' entries outgrow a notification). */
    private void announce(ArrayNode entries) {
        ArrayNode chunk = json.createArrayNode();
        int size = 0;
        for (JsonNode entry : entries) {
            int length = entry.toString().length();
            if (length > ClusterChannel.MAX_PAYLOAD_BYTES / 2) {
                // a room's tallies too large for one notification: its reactions still go, its tallies reach the
                // other nodes' members with the next vote their node takes, and at the close
                ((ObjectNode) entry).putArray("polls");
                length = entry.toString().length();
            }
            if (size + length > ClusterChannel.MAX_PAYLOAD_BYTES / 2) {
                send(chunk);
                chunk = json.createArrayNode();
                size = 0;
            }
            chunk.add(entry);
            size += length;
        }
        send(chunk);
    }

    private void send(ArrayNode chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        ObjectNode message = json.createObjectNode();
        message.set("rooms", chunk);
        try {
            cluster.publish(TOPIC, message.toString());
        } catch (RuntimeException e) {
            LOG.debugf("A tick was not announced to the other nodes: %s", e.getMessage());
        }
    }

    /** Another node's tick: its reactions join this node's next frame, its tallies go out with this node's next tick. */
    void onOtherNode(@Observes ClusterMessage message) {
        if (!TOPIC.equals(message.topic())) {
            return;
        }
        try {
            for (JsonNode entry : json.readTree(message.payload()).path("rooms")) {
                LiveRoom room = rooms.existing(entry.path("room").asText());
                if (room == null || !room.hasMembers()) {
                    continue;
                }
                JsonNode counts = entry.path("counts");
                for (int i = 0; i < Math.min(counts.size(), Kind.values().length); i++) {
                    room.othersReactions.addAndGet(i, Math.max(0, counts.get(i).asLong()));
                }
                for (JsonNode poll : entry.path("polls")) {
                    String frame = poll.path("frame").asText();
                    long pollId = json.readTree(frame).path("pollId").asLong();
                    room.othersPollResults.put(
                            pollId,
                            new Delivery(0, frame, null, poll.path("restricted").asBoolean(true)));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("Ignored a malformed tick from node %s: %s", message.fromNode(), e.toString());
        }
    }

    /** Writes the minutes' totals gathered since the last flush, in one transaction (added to what is stored). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        Map<MinuteKey, Minute> batch;
        synchronized (unwritten) {
            if (unwritten.isEmpty()) {
                return;
            }
            batch = new HashMap<>(unwritten);
            unwritten.clear();
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Map.Entry<MinuteKey, Minute> e : batch.entrySet()) {
                    long[] c = e.getValue().counts;
                    em.createNativeQuery("insert into live_room_minute (room, minute, peak_presence, applause, heart,"
                                    + " laugh, surprise, cant_hear) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                    + " on conflict (room, minute) do update set"
                                    + " peak_presence = greatest(live_room_minute.peak_presence, excluded.peak_presence),"
                                    + " applause = live_room_minute.applause + excluded.applause,"
                                    + " heart = live_room_minute.heart + excluded.heart,"
                                    + " laugh = live_room_minute.laugh + excluded.laugh,"
                                    + " surprise = live_room_minute.surprise + excluded.surprise,"
                                    + " cant_hear = live_room_minute.cant_hear + excluded.cant_hear")
                            .setParameter(1, e.getKey().room())
                            .setParameter(2, e.getKey().minute())
                            .setParameter(3, e.getValue().peakPresence)
                            .setParameter(4, c[0])
                            .setParameter(5, c[1])
                            .setParameter(6, c[2])
                            .setParameter(7, c[3])
                            .setParameter(8, c[4])
                            .executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not store %d room minutes: %s", batch.size(), e.toString());
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        flush();
    }
}
