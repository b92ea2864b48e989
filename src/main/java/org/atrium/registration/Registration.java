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

/** An account's participation in an event. One per account and event; arrival order is the id order. */
@Entity
@Table(name = "registration")
public class Registration extends IdentifiedEntity {

    public enum State {
        PENDING,
        CONFIRMED,
        WAITLISTED,
        CANCELLED,
        REJECTED;

        /** Whether the registration still holds or waits for a place (registering again returns it unchanged). */
        public boolean isActive() {
            return this == PENDING || this == CONFIRMED || this == WAITLISTED;
        }
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Column(nullable = false)
    public String subject;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String email;
    public String affiliation;
    public String country;

    /** The participant's preferred viewer zone as given (IANA id or an offset form such as GMT+4). */
    @Column(name = "time_zone")
    public String timeZone;

    public String notes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Place in the arrival order (waitlist order); filled by the database, renewed when a registration revives. */
    @Column(insertable = false, updatable = false)
    public Long arrival;

    @Version
    public long version;

    /** Moves to {@code to}; returns the state it left. Only the transitions of the registration life cycle pass. */
    State moveTo(State to, Instant now) {
        State from = state;
        boolean allowed = switch (to) {
            case PENDING -> from == null || from == State.CANCELLED;
            case CONFIRMED ->
                from == null || from == State.CANCELLED || from == State.PENDING || from == State.WAITLISTED;
            case WAITLISTED -> from == null || from == State.CANCELLED || from == State.PENDING;
            case CANCELLED -> from != null && from.isActive();
            case REJECTED -> from != null && from.isActive();
        };
        if (!allowed) {
            throw DomainException.conflict(
                    "registration.state-conflict", "A " + from + " registration cannot become " + to + ".");
        }
        state = to;
        updatedAt = now;
        return from;
    }
}
