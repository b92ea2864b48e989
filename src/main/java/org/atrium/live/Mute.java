package org.atrium.live;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.atrium.common.IdentifiedEntity;

/** An account silenced in one room, or in every room of the event when {@code room} is null. */
@Entity
@Table(name = "live_mute")
class Mute extends IdentifiedEntity {

    @Column(name = "event_id", nullable = false)
    public long eventId;

    public String room;

    @Column(nullable = false)
    public String subject;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
