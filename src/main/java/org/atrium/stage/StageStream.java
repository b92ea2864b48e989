package org.atrium.stage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.atrium.common.IdentifiedEntity;
import org.atrium.common.PublishedEntity;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;

/**
 * A stream on the stage: a venue's live stream ({@code venue} set), or a session's own (an override: {@code session}
 * set, purpose LIVE) or its recording (purpose RECORDING). Published: recordings appear in the schedule feeds.
 */
@Entity
@Table(name = "stage_stream")
class StageStream extends IdentifiedEntity implements PublishedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    Event event;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "room_id")
    Venue venue;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "session_id")
    ConferenceSession session;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    StreamUrl.Purpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Provider provider;

    @Column(nullable = false)
    String url;

    String instructions;

    @Column(name = "allow_embed", nullable = false)
    boolean allowEmbed;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    long version;

    /** The address as read again (it was normalised when stored, so this cannot fail for a stored row). */
    StreamUrl source() {
        return StreamUrl.read(url, provider, purpose, Set.of(URI.create(url).getHost()));
    }
}
