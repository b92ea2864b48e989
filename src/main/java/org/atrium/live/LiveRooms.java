package org.atrium.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.atrium.cluster.ClusterChannel;
import org.atrium.cluster.ClusterMessage;
import org.atrium.cluster.ClusterResync;
import org.atrium.schedule.SessionChanged;

/**
 * The live rooms in memory, by key, and per event the change counter that tells their writers to read the rules again
 * (mutes, banned words, session times; see {@link LiveRoom.Rules}). A change of banned words or session times tells the
 * other nodes too, in its own transaction, and a node that may have missed such news reads every room's rules again.
 */
@ApplicationScoped
class LiveRooms {

    private final Map<String, LiveRoom> rooms = new ConcurrentHashMap<>();
    /** Per event: moves when something its rooms' writers keep between batches changed. */
    private final Map<Long, AtomicLong> eventChanges = new ConcurrentHashMap<>();

    LiveRoom room(String key, long eventId, Long sessionId) {
        return rooms.computeIfAbsent(key, k -> new LiveRoom(k, eventId, sessionId, changesOf(eventId)));
    }

    Collection<LiveRoom> all() {
        return rooms.values();
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

    /** The cluster message topic of a committed batch; the payload is {@code room first-seq last-seq}. */
    static final String EVENTS_TOPIC = "live";

    /** The room under {@code key} if this node has it in memory, else null. */
    LiveRoom existing(String key) {
        return rooms.get(key);
    }

    /** The cluster message topic of a rules change; the payload is the event's id. */
    static final String RULES_TOPIC = "room-rules";

    @Inject
    ClusterChannel cluster;

    void shareBannedWords(@Observes(during = TransactionPhase.IN_PROGRESS) BannedWordsChanged change) {
        cluster.publish(RULES_TOPIC, Long.toString(change.eventId()));
    }

    void shareSessionTimes(@Observes(during = TransactionPhase.IN_PROGRESS) SessionChanged change) {
        cluster.publish(RULES_TOPIC, Long.toString(change.eventId()));
    }

    void onOtherNode(@Observes ClusterMessage message) {
        if (RULES_TOPIC.equals(message.topic())) {
            try {
                rulesChanged(Long.parseLong(message.payload()));
            } catch (NumberFormatException e) {
                everyRuleChanged();
            }
        }
    }

    void onResync(@Observes ClusterResync resync) {
        everyRuleChanged();
    }

    private void everyRuleChanged() {
        eventChanges.values().forEach(AtomicLong::incrementAndGet);
    }

    /** How often the rules of an event's rooms changed (tests). */
    long rulesVersion(long eventId) {
        return changesOf(eventId).get();
    }

    void metrics(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("atrium.live.rooms", rooms, Map::size)
                .description("Live rooms in memory")
                .register(registry);
    }
}
