package org.atrium.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;
import org.atrium.common.PublishedEntity;
import org.atrium.event.Event;

/** A slot on the programme (talk, panel, workshop, exhibition...). Named so to keep clear of HTTP/ORM sessions. */
@Entity
@Table(name = "conference_session")
public class ConferenceSession extends IdentifiedEntity implements PublishedEntity {

    public enum Type {
        KEYNOTE,
        TALK,
        PANEL,
        WORKSHOP,
        EXHIBITION,
        BREAK,
        OTHER
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Column(nullable = false)
    public String title;

    @Column(name = "abstract")
    public String summary;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type = Type.TALK;

    /** BCP 47 tag, e.g. {@code en}, {@code az}. */
    public String language;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "track_id")
    public Track track;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "room_id")
    public Venue venue;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    /** Places for sign-up; null falls back to the room's capacity. */
    public Integer capacity;

    @Column(nullable = false)
    public boolean cancelled;

    /** Grows each time the session moves or is cancelled (iCalendar SEQUENCE). */
    @Column(name = "schedule_revision", nullable = false)
    public int scheduleRevision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public Duration duration() {
        return Duration.between(startsAt, endsAt);
    }

    /** The places a sign-up may take: the session's own capacity, else its room's, else unlimited (null). */
    public Integer effectiveCapacity() {
        if (capacity != null) {
            return capacity;
        }
        return venue != null ? venue.capacity : null;
    }

    public void reschedule(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new DomainException(400, "session.end-before-start", "A session must end after it starts.");
        }
        if (startsAt != null && (!start.equals(startsAt) || !end.equals(endsAt))) {
            scheduleRevision++;
        }
        startsAt = start;
        endsAt = end;
    }

    /** Puts a cancelled session back on the programme (callers check it still fits). */
    public void reinstate() {
        if (cancelled) {
            cancelled = false;
            scheduleRevision++;
        }
    }

    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            scheduleRevision++;
        }
    }
}
