package org.atrium.exhibition;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atrium.common.IdentifiedEntity;
import org.atrium.common.PublishedEntity;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;

/**
 * A room of an event's exhibition ("Main hall", "Archive"): a curator's statement, a place in the event's order of
 * galleries, opening hours (instants; entered and shown in the event's zone) and who may enter it.
 */
@Entity
@Table(name = "gallery")
public class Gallery extends IdentifiedEntity implements PublishedEntity {

    /** Who may see the gallery: its curators only, anyone who may see the event, or its confirmed participants. */
    public enum Visibility {
        DRAFT,
        PUBLISHED,
        REGISTERED
    }

    /** One opening: from {@code opensAt} (inclusive) to {@code closesAt} (exclusive). */
    @Embeddable
    public static class Hours {
        @Column(name = "opens_at", nullable = false)
        public Instant opensAt;

        @Column(name = "closes_at", nullable = false)
        public Instant closesAt;

        public Hours() {}

        Hours(Instant opensAt, Instant closesAt) {
            this.opensAt = opensAt;
            this.closesAt = closesAt;
        }

        boolean contains(Instant t) {
            return !t.isBefore(opensAt) && t.isBefore(closesAt);
        }
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Column(nullable = false)
    public String name;

    public String statement;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility = Visibility.DRAFT;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "gallery_hours", joinColumns = @JoinColumn(name = "gallery_id"))
    @OrderBy("opensAt")
    public List<Hours> hours = new ArrayList<>();

    /** The session on the programme that opens the gallery, if any: the programme links it to the gallery. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "opening_session_id")
    public ConferenceSession openingSession;

    /** Whether new entries in the guestbooks of its works wait for a curator's approval (see {@link WorkVisits}). */
    @Column(nullable = false)
    public boolean premoderation;

    @Version
    public long version;

    /** Whether the gallery is open at {@code now}: inside one of its intervals (computed here, never by the client). */
    public boolean openAt(Instant now) {
        return hours.stream().anyMatch(h -> h.contains(now));
    }
}
