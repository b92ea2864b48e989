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
        REJECTED
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

    @Version
    public long version;
}
