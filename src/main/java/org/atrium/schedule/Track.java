package org.atrium.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.atrium.common.IdentifiedEntity;
import org.atrium.common.PublishedEntity;
import org.atrium.event.Event;

/** A thematic strand of an event's programme, shown by colour. */
@Entity
@Table(name = "track")
public class Track extends IdentifiedEntity implements PublishedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Column(nullable = false)
    public String name;

    /** {@code #rrggbb} */
    public String colour;

    @Version
    public long version;
}
