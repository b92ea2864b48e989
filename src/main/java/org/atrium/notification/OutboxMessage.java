package org.atrium.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.atrium.common.IdentifiedEntity;

/**
 * One e-mail to send: a row of the transactional outbox, written in the transaction of the change it announces (or
 * by the reminder planner, or when a debounced change notice falls due). Its id makes the Message-ID, so a resend
 * after a crash carries the same one.
 */
@Entity
@Table(name = "notification_outbox")
class OutboxMessage extends IdentifiedEntity {

    enum State {
        PENDING,
        SENT,
        /** Not sent on purpose: preference off, nothing left to say, the session gone. */
        SKIPPED,
        /** Failed {@code maxAttempts} times: listed for organisers. */
        DEAD,
        /** The SMTP server refused the address permanently. */
        BOUNCED
    }

    @Column(name = "event_id", nullable = false)
    long eventId;

    @Column(name = "session_id")
    Long sessionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    NoticeKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Category category;

    @Column(nullable = false)
    String recipient;

    @Column(nullable = false)
    String email;

    @Column(name = "recipient_zone")
    String recipientZone;

    @Column(name = "was_starts_at")
    Instant wasStartsAt;

    @Column(name = "was_ends_at")
    Instant wasEndsAt;

    @Column(name = "was_room")
    String wasRoom;

    @Column(name = "was_cancelled")
    Boolean wasCancelled;

    @Column(name = "about_starts_at")
    Instant aboutStartsAt;

    @Column(name = "dedup_key")
    String dedupKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    State state = State.PENDING;

    @Column(name = "due_at", nullable = false)
    Instant dueAt;

    @Column(nullable = false)
    int attempts;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "sent_at")
    Instant sentAt;

    /** An invitation's link (its single-use token): kept until the message is sent, skipped or bounced. */
    @Column(name = "secret_link")
    String secretLink;

    static OutboxMessage of(long eventId, NoticeKind kind, String recipient, String email, Instant now) {
        OutboxMessage m = new OutboxMessage();
        m.eventId = eventId;
        m.kind = kind;
        m.category = kind.category;
        m.recipient = recipient;
        m.email = email;
        m.dueAt = now;
        m.createdAt = now;
        return m;
    }

    void sent(Instant now) {
        state = State.SENT;
        sentAt = now;
        lastError = null;
        secretLink = null;
    }

    void skipped(String why) {
        state = State.SKIPPED;
        lastError = why;
        secretLink = null;
    }

    /** A failed attempt: tried again after an exponential backoff, dead-lettered after {@code maxAttempts}. */
    void failed(String error, Instant now, NotificationConfig config) {
        attempts++;
        lastError = truncate(error);
        if (attempts >= config.maxAttempts()) {
            state = State.DEAD;
            return;
        }
        Duration wait = config.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        dueAt = now.plus(wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait);
    }

    void bounced(String error) {
        attempts++;
        state = State.BOUNCED;
        lastError = truncate(error);
        secretLink = null;
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
