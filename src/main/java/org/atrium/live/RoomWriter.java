package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.atrium.schedule.SessionChanged;
import org.atrium.stage.StageChanged;
import org.jboss.logging.Logger;

/**
 * Each room's single writer: takes the room's queued commands as a batch, stores them with the next seqs in one
 * transaction ({@link RoomStore#apply}), then, after the commit, acks or refuses each command to its sender and fans
 * the new events out to the room.
 */
@ApplicationScoped
class RoomWriter {

    private static final Logger LOG = Logger.getLogger(RoomWriter.class);

    @Inject
    ObjectMapper json;

    @Inject
    RoomStore store;

    @Inject
    LiveRooms rooms;

    @Inject
    LiveConfig config;

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

    /** Queues a command to its room; starts the room's writer unless it is already draining. */
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
            RoomStore.Result result = store(room, batch);
            if (result != null) {
                publish(room, result);
            }
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
            rooms.rulesChanged(room.eventId);
        }
        room.lastChat.putAll(result.chatTimes());
        room.pollResults.putAll(result.pollResults());
        return result;
    }

    /** The writer's second half, after the commit: acks (or refuses) each command and fans the new events out. */
    void publish(LiveRoom room, RoomStore.Result result) {
        List<Delivery> deliveries = new ArrayList<>();
        for (RoomStore.Outcome o : result.outcomes()) {
            Member sender = o.command().member();
            if (o.error() != null) {
                if (sender != null) {
                    sender.send(LiveProtocol.error(
                            json,
                            o.command().ref(),
                            o.error().code(),
                            o.error().getMessage(),
                            o.error().details()));
                } else {
                    LOG.warnf(
                            "Room %s refused %s: %s",
                            room.key, o.command().kind().wire, o.error().getMessage());
                }
                continue;
            }
            if (sender != null) {
                sender.send(LiveProtocol.ack(o.seq(), o.command().ref()));
            }
            if (!o.repeat()) {
                deliveries.add(o.delivery());
            }
        }
        room.fanOut(deliveries);
    }

    /**
     * After a session is created, moved or cancelled, the event channel tells everyone ({@code session.changed}),
     * stored like any room event so late joiners can resume past it.
     */
    void sessionChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionChanged change) {
        rooms.rulesChanged(change.eventId());
        LiveRoom room = rooms.room(LiveRoom.eventKey(change.eventId()), change.eventId(), null);
        String kind = change.kind().name().toLowerCase();
        String ref = "session-" + change.sessionId() + "-" + change.scheduleRevision() + "-" + kind;
        submit(
                room,
                Command.fromServer(
                        LiveCommand.SESSION_CHANGED,
                        ref,
                        new Payload.SessionChange(change.sessionId(), kind, change.scheduleRevision())));
    }

    /**
     * After a stream or recording of the event is set or removed, the event channel tells everyone
     * ({@code stage.changed}), so lobbies reload the stage, and the affected session rooms tell their members, so
     * session pages reload their player.
     */
    void stageChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StageChanged change) {
        String ref = "stage-" + change.streamId() + "-" + java.util.UUID.randomUUID();
        Payload.StageChange payload = new Payload.StageChange(change.roomId(), change.sessionId(), change.purpose());
        submit(
                rooms.room(LiveRoom.eventKey(change.eventId()), change.eventId(), null),
                Command.fromServer(LiveCommand.STAGE_CHANGED, ref, payload));
        // session pages follow their stage in their own room: the sessions whose stage this is (the session, or every
        // session in the venue), stored in each room's log, so members on any node hear of it and resume past it
        for (Long sessionId : change.affectedSessions()) {
            submit(
                    rooms.room(LiveRoom.sessionKey(sessionId), change.eventId(), sessionId),
                    Command.fromServer(LiveCommand.STAGE_CHANGED, ref, payload));
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        writers.shutdown();
    }
}
