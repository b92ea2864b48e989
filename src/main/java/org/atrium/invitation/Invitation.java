package org.atrium.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;
import org.atrium.event.Event;
import org.atrium.speaker.Speaker;

/**
 * An invitation sent to an e-mail address: whoever accepts its link (a random single-use token, stored only as its
 * SHA-256) becomes a co-organiser of the event, or the account of one of its speakers. The link, not the address,
 * decides who is bound: the invited person may sign in with another address than the one the link was sent to.
 */
@Entity
@Table(name = "invitation")
public class Invitation extends IdentifiedEntity {

    public enum Kind {
        ORGANISER,
        SPEAKER
    }

    public enum State {
        PENDING,
        ACCEPTED,
        EXPIRED,
        REVOKED
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "speaker_id")
    public Speaker speaker;

    @Column(nullable = false)
    public String email;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "invited_by", nullable = false)
    public String invitedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "accepted_by")
    public String acceptedBy;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        if (acceptedAt != null) {
            return State.ACCEPTED;
        }
        return now.isBefore(expiresAt) ? State.PENDING : State.EXPIRED;
    }

    /** Marks it used by {@code subject}; refused unless it is still pending. */
    void accept(String subject, Instant now) {
        switch (state(now)) {
            case ACCEPTED ->
                throw DomainException.conflict("invitation.used", "This invitation has been accepted already.");
            case EXPIRED ->
                throw new DomainException(
                        410, "invitation.expired", "This invitation has expired; ask the organisers for a new one.");
            case REVOKED ->
                throw new DomainException(410, "invitation.revoked", "The organisers withdrew this invitation.");
            case PENDING -> {
                acceptedBy = subject;
                acceptedAt = now;
            }
        }
    }

    void revoke(Instant now) {
        if (state(now) == State.ACCEPTED) {
            throw DomainException.conflict(
                    "invitation.used", "This invitation has been accepted already; remove the person instead.");
        }
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
