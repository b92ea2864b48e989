package org.atrium.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import org.atrium.invitation.Invitation;
import org.atrium.invitation.InvitationCreated;
import org.atrium.registration.Registration;
import org.atrium.registration.RegistrationChanged;
import org.atrium.schedule.SessionChanged;

/**
 * Writes the outbox rows of a change in the change's own transaction: both producers fire their events inside the
 * use case's transaction (registration's change list at its end, the session resource after its flush), so these
 * observers run {@code IN_PROGRESS} and the message commits or rolls back with the change. Nothing is sent here.
 */
@ApplicationScoped
class ChangeNotices {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    NotificationConfig config;

    /** Registration received, confirmed, waitlisted, promoted, cancelled or rejected: one message, due now. */
    void registrationChanged(@Observes RegistrationChanged change) {
        Registration r = Registration.findById(change.registrationId());
        if (r == null || r.email == null || r.email.isBlank()) {
            return;
        }
        NoticeKind kind = switch (change.kind()) {
            case PENDING -> NoticeKind.REGISTRATION_RECEIVED;
            case CONFIRMED -> NoticeKind.REGISTRATION_CONFIRMED;
            case WAITLISTED -> NoticeKind.REGISTRATION_WAITLISTED;
            case PROMOTED -> NoticeKind.REGISTRATION_PROMOTED;
            case CANCELLED -> NoticeKind.REGISTRATION_CANCELLED;
            case REJECTED -> NoticeKind.REGISTRATION_REJECTED;
        };
        OutboxMessage m = OutboxMessage.of(change.eventId(), kind, r.subject, r.email, clock.instant());
        m.recipientZone = r.timeZone;
        m.persist();
    }

    /** An invitation to speak or co-organise: its e-mail, with the link, due now (sent to the address, no account). */
    void invitationCreated(@Observes InvitationCreated created) {
        NoticeKind kind =
                created.kind() == Invitation.Kind.SPEAKER ? NoticeKind.SPEAKER_INVITED : NoticeKind.ORGANISER_INVITED;
        OutboxMessage m = OutboxMessage.of(
                created.eventId(), kind, INVITATION_PREFIX + created.invitationId(), created.email(), clock.instant());
        m.secretLink = created.link();
        m.persist();
    }

    /** The recipient of an invitation's message: the invitation, not an account. */
    static final String INVITATION_PREFIX = "invitation:";

    /**
     * A session created records what people will be told it is; a change (re)starts its debounce: the notice is due
     * {@code debounce} after the last edit and compares the final state with that baseline ({@link ScheduleNotices}).
     */
    void sessionChanged(@Observes SessionChanged change) {
        Instant now = clock.instant();
        if (change.kind() == SessionChanged.Kind.CREATED) {
            em.createNativeQuery("insert into notification_session_state"
                            + " (session_id, event_id, known, starts_at, ends_at, room_id, room_name, cancelled)"
                            + " select s.id, s.event_id, true, s.starts_at, s.ends_at, s.room_id, r.name, s.cancelled"
                            + " from conference_session s left join room r on r.id = s.room_id where s.id = ?1"
                            + " on conflict (session_id) do nothing")
                    .setParameter(1, change.sessionId())
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("insert into notification_session_state (session_id, event_id, known, notify_at)"
                        + " values (?1, ?2, false, ?3)"
                        + " on conflict (session_id) do update set notify_at = excluded.notify_at")
                .setParameter(1, change.sessionId())
                .setParameter(2, change.eventId())
                .setParameter(3, now.plus(config.debounce()))
                .executeUpdate();
    }
}
