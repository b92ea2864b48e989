package org.atrium.live;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.atrium.cluster.ClusterMessage;
import org.atrium.cluster.ClusterResync;
import org.atrium.common.Sql;
import org.jboss.logging.Logger;

/**
 * Room events written by other nodes, delivered to this node's members. A node that commits a batch announces the
 * room and its seq range in the same transaction ({@link RoomStore}); here, a room this node has members in reads
 * those rows back (one reader per room, off the listening thread) and fans them out as its own writer would. Members
 * drop events they had and catch up on any gap from the database, so order and exactly-once hold whichever way the
 * events arrive. A lost announcement (the listening connection was down) is caught after a reconnection, and a
 * periodic check of every room with members bounds how long a quiet gap can go unnoticed ({@code
 * atrium.cluster.gap-check}, 5 s).
 */
@ApplicationScoped
class OtherNodes {

    private static final Logger LOG = Logger.getLogger(OtherNodes.class);

    @Inject
    LiveRooms rooms;

    @Inject
    RoomStore store;

    @Inject
    LiveConfig config;

    @Inject
    EntityManager em;

    void onBatch(@Observes ClusterMessage message) {
        if (!LiveRooms.EVENTS_TOPIC.equals(message.topic())) {
            return;
        }
        String[] parts = message.payload().split(" ");
        if (parts.length != 3) {
            return;
        }
        LiveRoom room = rooms.existing(parts[0]);
        if (room == null || !room.hasMembers()) {
            return; // nobody here to tell; a member who joins later reads the room from the database
        }
        try {
            announce(room, Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            LOG.warnf("Ignored a malformed batch announcement: %s", message.payload());
        }
    }

    /** After a reconnection: every room with members here may have missed batches. */
    void onResync(@Observes ClusterResync resync) {
        if (resync.connection() > 1) {
            Infrastructure.getDefaultWorkerPool().execute(this::checkGaps);
        }
    }

    @Scheduled(
            every = "${atrium.cluster.gap-check:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkGaps() {
        for (LiveRoom room : rooms.all()) {
            if (!room.hasMembers()) {
                continue;
            }
            try {
                long stored = QuarkusTransaction.requiringNew()
                        .call(() -> Sql.longValue(
                                em, "select coalesce(max(seq), 0) from live_log where room = ?", room.key));
                if (stored > room.fannedOut.get()) {
                    announce(room, stored);
                }
            } catch (RuntimeException e) {
                LOG.debugf("Gap check of room %s failed: %s", room.key, e.getMessage());
            }
        }
    }

    private void announce(LiveRoom room, long last) {
        room.announced.accumulateAndGet(last, Math::max);
        if (room.readingOthers.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> read(room));
        }
    }

    /** One reader per room: reads and fans out until this node has handed out everything announced. */
    private void read(LiveRoom room) {
        try {
            while (true) {
                long target = room.announced.get();
                long from = room.fannedOut.get();
                if (from >= target) {
                    room.readingOthers.set(false);
                    if (room.announced.get() > room.fannedOut.get() && room.readingOthers.compareAndSet(false, true)) {
                        continue;
                    }
                    return;
                }
                // a node far behind hands out the newest events only: its members see the gap and catch up
                // themselves, by a snapshot when they are too far behind
                List<Delivery> read = store.since(room, Math.max(from, target - config.maxResumeEvents()));
                if (read == null || read.isEmpty()) {
                    room.fannedOut.accumulateAndGet(target, Math::max);
                    continue;
                }
                room.fanOut(read);
            }
        } catch (RuntimeException e) {
            room.readingOthers.set(false);
            LOG.warnf("Room %s: other nodes' events could not be read (%s); the gap check retries", room.key, e);
        }
    }
}
