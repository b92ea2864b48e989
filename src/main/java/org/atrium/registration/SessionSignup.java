package org.atrium.registration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;

/** An account's place on a session with limited places (workshop, tour). One per account and session. */
@Entity
@Table(name = "session_registration")
class SessionSignup extends IdentifiedEntity {

    enum State {
        CONFIRMED,
        WAITLISTED,
        CANCELLED;

        boolean isActive() {
            return this != CANCELLED;
        }
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id")
    ConferenceSession session;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    Event event;

    @Column(nullable = false)
    String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    State state;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(insertable = false, updatable = false)
    Long arrival;

    @Version
    long version;

    State moveTo(State to, Instant now) {
        State from = state;
        boolean allowed = switch (to) {
            case CONFIRMED -> from == null || from == State.CANCELLED || from == State.WAITLISTED;
            case WAITLISTED -> from == null || from == State.CANCELLED;
            case CANCELLED -> from != null && from.isActive();
        };
        if (!allowed) {
            throw DomainException.conflict(
                    "session-signup.state-conflict", "A " + from + " sign-up cannot become " + to + ".");
        }
        state = to;
        updatedAt = now;
        return from;
    }
}
