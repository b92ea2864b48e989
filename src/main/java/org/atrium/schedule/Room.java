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
import org.atrium.common.IdentifiedEntity;
import org.atrium.event.Event;

/** A virtual room or stage: one session at a time, with the link to its external video (stream, Jitsi, BBB). */
@Entity
@Table(name = "room")
public class Room extends IdentifiedEntity {

    public enum Kind {
        STAGE,
        MEETING,
        EXHIBITION,
        STREAM
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Column(nullable = false)
    public String name;

    public Integer capacity;

    @Column(name = "join_url")
    public String joinUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind = Kind.STAGE;

    @Version
    public long version;
}
