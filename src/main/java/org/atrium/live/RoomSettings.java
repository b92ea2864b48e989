package org.atrium.live;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A room's moderation settings. Q&A in AUTO mode follows the session's schedule; a work's guestbook has none and is
 * open in AUTO mode.
 */
@Entity
@Table(name = "live_room")
class RoomSettings extends PanacheEntityBase {

    enum QaMode {
        AUTO,
        OPEN,
        CLOSED
    }

    @Id
    public String room;

    @Column(name = "event_id", nullable = false)
    public long eventId;

    @Column(name = "session_id")
    public Long sessionId;

    @Column(name = "work_id")
    public Long workId;

    @Column(nullable = false)
    public boolean premoderation;

    @Column(name = "slow_mode_seconds", nullable = false)
    public int slowModeSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "qa_mode", nullable = false)
    public QaMode qaMode = QaMode.AUTO;

    /** Whether questions may be asked and voted on at {@code now}. */
    boolean qaOpen(Instant now, Instant startsAt, Instant endsAt, Duration before, Duration after) {
        return switch (qaMode) {
            case OPEN -> true;
            case CLOSED -> false;
            // a room without a schedule (a work's guestbook) is open until a moderator closes it
            case AUTO -> startsAt == null || !now.isBefore(startsAt.minus(before)) && now.isBefore(endsAt.plus(after));
        };
    }
}
