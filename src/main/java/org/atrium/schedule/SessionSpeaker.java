package org.atrium.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.atrium.common.PublishedEntity;
import org.atrium.speaker.Speaker;

/** A speaker on a session, with their role there. */
@Entity
@Table(name = "session_speaker")
public class SessionSpeaker extends PanacheEntityBase implements PublishedEntity {

    public enum Role {
        SPEAKER,
        MODERATOR
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "session_id")
        public Long sessionId;

        @Column(name = "speaker_id")
        public Long speakerId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(sessionId, k.sessionId)
                    && Objects.equals(speakerId, k.speakerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, speakerId);
        }
    }

    @EmbeddedId
    public Key id = new Key();

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @MapsId("sessionId")
    @JoinColumn(name = "session_id")
    public ConferenceSession session;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @MapsId("speakerId")
    @JoinColumn(name = "speaker_id")
    public Speaker speaker;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role = Role.SPEAKER;

    @Column(nullable = false)
    public int position;
}
