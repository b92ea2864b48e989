package org.atrium.registration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;
import org.atrium.event.Event;

/**
 * How an event takes registrations. Its row is also the event's registration lock: every use case that may change
 * who holds a place locks it first ({@link Registrations#lockSettings}), so capacity decisions never interleave.
 */
@Entity
@Table(name = "registration_settings")
class RegistrationSettings extends IdentifiedEntity {

    enum Mode {
        /** Confirmed while places last, then waitlisted. */
        AUTOMATIC,
        /** Pending until an organiser approves (then confirmed or waitlisted) or rejects. */
        APPROVAL
    }

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    Event event;

    @Column(nullable = false)
    boolean open = true;

    /** Last instant at which registering is possible; null = until the event is over. */
    Instant deadline;

    /** Confirmed places; null = unlimited. */
    Integer capacity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Mode mode = Mode.AUTOMATIC;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;

    /** Refuses a new registration when registration is closed or its deadline has passed. */
    void requireOpen(Instant now) {
        if (!open) {
            throw DomainException.conflict("registration.closed", "Registration for this event is closed.");
        }
        if (deadline != null && now.isAfter(deadline)) {
            throw new DomainException(
                    409,
                    "registration.deadline-passed",
                    "The registration deadline has passed.",
                    Map.of("deadline", deadline.toString()));
        }
    }

    /** Places still free for {@code confirmed} confirmed registrations; {@link Long#MAX_VALUE} when unlimited. */
    long freePlaces(long confirmed) {
        return capacity == null ? Long.MAX_VALUE : Math.max(0, capacity - confirmed);
    }

    void changeCapacity(Integer newCapacity, long confirmed) {
        if (newCapacity != null && newCapacity < confirmed) {
            throw new DomainException(
                    409,
                    "registration.capacity-below-confirmed",
                    "The capacity cannot be lower than the " + confirmed
                            + " confirmed registrations; cancel some first.",
                    Map.of("confirmed", confirmed, "capacity", newCapacity));
        }
        capacity = newCapacity;
    }
}
