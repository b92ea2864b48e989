package org.atrium.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atrium.live.PersonalNotices;

/**
 * In-app notices: the same notices as the e-mails, kept per account for the notification list and pushed to the
 * account's open connections on the event channel. One row per outbox message (recorded once, however often the
 * sender takes the message up); speakers without an account have no list.
 */
@ApplicationScoped
class Inbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    PersonalNotices live;

    /** One notice as the list and the live frame show it. */
    public record NoticeView(
            long id, long eventId, String kind, String title, String text, String link, Instant at, boolean read) {}

    /** Records the notice of an outbox row (inside the sender's transaction); empty when it was already recorded. */
    Optional<NoticeView> record(OutboxMessage m, Email mail, Instant now) {
        if (m.recipient.startsWith("speaker:") || m.recipient.startsWith(ChangeNotices.INVITATION_PREFIX)) {
            return Optional.empty();
        }
        String text = capitalised(mail.summary());
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("insert into notification_inbox (outbox_id, recipient, event_id,"
                        + " session_id, kind, title, body, link, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                        + " on conflict (outbox_id) do nothing returning id")
                .setParameter(1, m.id)
                .setParameter(2, m.recipient)
                .setParameter(3, m.eventId)
                .setParameter(4, m.sessionId)
                .setParameter(5, m.kind.name())
                .setParameter(6, mail.subject())
                .setParameter(7, text)
                .setParameter(8, mail.link())
                .setParameter(9, now)
                .getResultList();
        return ids.stream()
                .findFirst()
                .map(id -> new NoticeView(
                        ((Number) id).longValue(),
                        m.eventId,
                        m.kind.name(),
                        mail.subject(),
                        text,
                        mail.link(),
                        now,
                        false));
    }

    /** After the recording transaction committed: to the recipient's open connections, if any. */
    void push(String recipient, NoticeView notice) {
        try {
            live.tell(notice.eventId(), recipient, json.writeValueAsString(notice));
        } catch (JsonProcessingException | RuntimeException e) {
            // the push is a courtesy: the notice is in the list, and the e-mail must still go
            Log.warnf("notice %d not pushed to %s's connections: %s", notice.id(), recipient, e.getMessage());
        }
    }

    /** The account's latest notices, newest first. */
    List<NoticeView> latest(String recipient, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, event_id, kind, title, body, link, created_at,"
                        + " read_at is not null from notification_inbox where recipient = ?1 order by id desc limit ?2")
                .setParameter(1, recipient)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream()
                .map(r -> new NoticeView(
                        ((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(),
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        ScheduleNotices.instant(r[6]),
                        (Boolean) r[7]))
                .toList();
    }

    long unread(String recipient) {
        return ((Number) em.createNativeQuery(
                                "select count(*) from notification_inbox where recipient = ?1 and read_at is null")
                        .setParameter(1, recipient)
                        .getSingleResult())
                .longValue();
    }

    /** Marks the account's notices up to {@code upTo} (inclusive) read. */
    int markRead(String recipient, long upTo, Instant now) {
        return em.createNativeQuery("update notification_inbox set read_at = ?1 where recipient = ?2 and id <= ?3"
                        + " and read_at is null")
                .setParameter(1, now)
                .setParameter(2, recipient)
                .setParameter(3, upTo)
                .executeUpdate();
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
