package org.atrium.live;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.atrium.common.Sql;

/**
 * Closes polls whose time is up. The time is stored ({@code live_poll.closes_at}), so a restart loses no timer: once a
 * second the open polls that are due are read and a {@code poll.closed} command is queued to their room's writer
 * under a ref of the poll's own, so a poll found due twice is closed once.
 */
@ApplicationScoped
class PollTimer {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    LiveRooms rooms;

    @Inject
    RoomWriter writer;

    private record Due(long id, String room, long eventId, Long sessionId) {}

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void closeDue() {
        List<Due> due = Sql.list(
                em,
                "select id, room, event_id, session_id from live_poll where state = 'OPEN' and closes_at <= ?",
                rs -> new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), (Long) rs.getObject(4)),
                java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        for (Due d : due) {
            LiveRoom room = rooms.room(d.room(), d.eventId(), d.sessionId());
            writer.submit(
                    room,
                    Command.fromServer(
                            LiveCommand.POLL_TIMED_OUT, "poll-" + d.id() + "-timer", new Payload.PollRef(d.id())));
        }
    }
}
