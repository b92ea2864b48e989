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
import org.atrium.common.PublishedEntity;
import org.atrium.event.Event;

/**
 * A venue: a virtual room or stage holding one session at a time, with the link to its external video (stream,
 * Jitsi, BBB). In Java it is a venue so that "room" means only a live room ({@code live}); on the outside it keeps
 * the name room, since those are public contracts: the table {@code room}, the REST paths {@code .../rooms}, the JSON
 * fields {@code room}, {@code rooms} and {@code roomId}, the problem codes {@code room.*} and the frab exports'
 * {@code <room>}.
 */
@Entity
@Table(name = "room")
public class Venue extends IdentifiedEntity implements PublishedEntity {

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
