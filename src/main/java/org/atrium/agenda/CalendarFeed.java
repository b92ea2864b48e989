package org.atrium.agenda;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.atrium.common.IdentifiedEntity;

/** An account's personal calendar feed. Only the SHA-256 of its secret token is kept. */
@Entity
@Table(name = "calendar_feed")
class CalendarFeed extends IdentifiedEntity {

    @Column(nullable = false, unique = true)
    public String subject;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
