package org.atrium.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atrium.cluster.ClusterChannel;
import org.atrium.cluster.ClusterMessage;
import org.jboss.logging.Logger;

/**
 * Head counts of a room across nodes: each node announces how many accounts it has in a room when that changes (at
 * most once a second, with the presence tick) and again every {@link #HEARTBEAT_MILLIS} while it has any, and adds
 * the other nodes' latest counts to its own. A node that stops announcing (killed) drops out after {@link
 * #EXPIRY_MILLIS}. An account connected to two nodes is counted on both (the counts are per node, not a set of
 * accounts): the figure is a head count of connections' accounts per node, summed.
 */
@ApplicationScoped
class ClusterPresence {

    private static final Logger LOG = Logger.getLogger(ClusterPresence.class);

    static final String TOPIC = "presence";
    static final long HEARTBEAT_MILLIS = 10_000;
    static final long EXPIRY_MILLIS = 3 * HEARTBEAT_MILLIS + 5_000;

    private record Count(int count, long atMillis) {}

    /** Room key -> node -> that node's latest count. */
    private final Map<String, Map<String, Count>> others = new ConcurrentHashMap<>();
    /** Room key -> the count this node announced last. */
    private final Map<String, Integer> announced = new ConcurrentHashMap<>();

    private long lastHeartbeat;

    @Inject
    ClusterChannel cluster;

    @Inject
    LiveRooms rooms;

    @Inject
    Clock clock;

    /** The room's head count: this node's accounts plus the other nodes' latest counts. */
    int total(LiveRoom room) {
        Map<String, Count> counts = others.get(room.key);
        int sum = room.presence();
        if (counts != null) {
            for (Count c : counts.values()) {
                sum += c.count();
            }
        }
        return sum;
    }

    /**
     * Called by the presence tick, once a second: announces this node's changed counts (all of them on a heartbeat),
     * and forgets nodes that stopped announcing; returns nothing, the rooms whose total moved are marked changed.
     */
    void tick() {
        long now = clock.millis();
        boolean heartbeat = now - lastHeartbeat >= HEARTBEAT_MILLIS;
        if (heartbeat) {
            lastHeartbeat = now;
        }
        for (LiveRoom room : rooms.all()) {
            int mine = room.presence();
            Integer before = announced.get(room.key);
            if ((before == null && mine > 0) || (before != null && before != mine) || (heartbeat && mine > 0)) {
                try {
                    cluster.publish(TOPIC, room.key + " " + mine);
                    if (mine == 0) {
                        announced.remove(room.key);
                    } else {
                        announced.put(room.key, mine);
                    }
                } catch (RuntimeException e) {
                    LOG.debugf("Presence of %s not announced: %s", room.key, e.getMessage());
                }
            }
        }
        others.forEach((key, counts) -> {
            if (counts.values().removeIf(c -> now - c.atMillis() > EXPIRY_MILLIS)) {
                markChanged(key);
            }
        });
        others.values().removeIf(Map::isEmpty);
    }

    void onOtherNode(@Observes ClusterMessage message) {
        if (!TOPIC.equals(message.topic())) {
            return;
        }
        int space = message.payload().lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        String key = message.payload().substring(0, space);
        int count;
        try {
            count = Integer.parseInt(message.payload().substring(space + 1));
        } catch (NumberFormatException e) {
            return;
        }
        Map<String, Count> counts = others.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        Count before = count == 0
                ? counts.remove(message.fromNode())
                : counts.put(message.fromNode(), new Count(count, clock.millis()));
        if (before == null || before.count() != count) {
            markChanged(key);
        }
    }

    private void markChanged(String key) {
        LiveRoom room = rooms.existing(key);
        if (room != null) {
            room.presenceChangedElsewhere();
        }
    }
}
