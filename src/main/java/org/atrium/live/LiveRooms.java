package org.atrium.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live rooms in memory, by key, and per event the change counter that tells their writers to read the rules again
 * (mutes, banned words, session times; see {@link LiveRoom.Rules}).
 */
@ApplicationScoped
class LiveRooms {

    private final Map<String, LiveRoom> rooms = new ConcurrentHashMap<>();
    /** Per event: moves when something its rooms' writers keep between batches changed. */
    private final Map<Long, AtomicLong> eventChanges = new ConcurrentHashMap<>();

    LiveRoom room(String key, long eventId, Long sessionId) {
        return rooms.computeIfAbsent(key, k -> new LiveRoom(k, eventId, sessionId, changesOf(eventId)));
    }

    /** The room if it is in memory (someone joined it since the start), else null. */
    LiveRoom existing(String key) {
        return rooms.get(key);
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

    void metrics(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("atrium.live.rooms", rooms, Map::size)
                .description("Live rooms in memory")
                .register(registry);
    }
}
