package org.atrium.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;

/**
 * Turns debounced session changes into change notices once their quiet time has passed: the session's final state
 * is compared with what people were last told (a move and its undo compare equal and send nothing), and one message
 * per affected person is written to the outbox: confirmed registrants who starred or signed up for the session, and
 * its speakers.
 */
@ApplicationScoped
class ScheduleNotices {

    @Inject
    EntityManager em;

    record Recipient(String key, String email, String zone) {}

    /** Expands the changes due at {@code now}; returns how many messages it wrote. */
    @Transactional
    int expand(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("select session_id, known, starts_at, ends_at, room_id, room_name,"
                        + " cancelled, notify_at from notification_session_state where notify_at <= ?1"
                        + " order by notify_at limit 200 for update skip locked")
                .setParameter(1, now)
                .getResultList();
        int written = 0;
        for (Object[] row : due) {
            long sessionId = ((Number) row[0]).longValue();
            ConferenceSession s = ConferenceSession.findById(sessionId);
            if (s == null) {
                continue; // deleted: the state row went with it
            }
            boolean known = (Boolean) row[1];
            Instant wasStart = instant(row[2]);
            Instant wasEnd = instant(row[3]);
            Long wasRoomId = row[4] == null ? null : ((Number) row[4]).longValue();
            String wasRoom = (String) row[5];
            Boolean wasCancelled = (Boolean) row[6];
            Long roomId = s.venue == null ? null : s.venue.id;
            boolean same = known
                    && s.startsAt.equals(wasStart)
                    && s.endsAt.equals(wasEnd)
                    && Objects.equals(roomId, wasRoomId)
                    && s.cancelled == Boolean.TRUE.equals(wasCancelled);
            if (!same && s.event.status != Event.Status.DRAFT) {
                NoticeKind kind = s.cancelled && !Boolean.TRUE.equals(wasCancelled)
                        ? NoticeKind.SESSION_CANCELLED
                        : NoticeKind.SESSION_CHANGED;
                long stamp = instant(row[7]).toEpochMilli();
                for (Recipient r : recipients(s)) {
                    OutboxMessage m = OutboxMessage.of(s.event.id, kind, r.key(), r.email(), now);
                    m.sessionId = s.id;
                    m.recipientZone = r.zone();
                    if (known) {
                        m.wasStartsAt = wasStart;
                        m.wasEndsAt = wasEnd;
                        m.wasRoom = wasRoom;
                        m.wasCancelled = wasCancelled;
                    }
                    m.dedupKey = "change:" + s.id + ":" + stamp + ":" + r.key();
                    m.persist();
                    written++;
                }
            }
            em.createNativeQuery("update notification_session_state set known = true, starts_at = ?2, ends_at = ?3,"
                            + " room_id = ?4, room_name = ?5, cancelled = ?6, notify_at = null where session_id = ?1")
                    .setParameter(1, sessionId)
                    .setParameter(2, s.startsAt)
                    .setParameter(3, s.endsAt)
                    .setParameter(4, roomId)
                    .setParameter(5, s.venue == null ? null : s.venue.name)
                    .setParameter(6, s.cancelled)
                    .executeUpdate();
        }
        return written;
    }

    /** Exactly the affected people, once each (by address): registrants who starred or signed up, and speakers. */
    List<Recipient> recipients(ConferenceSession s) {
        Map<String, Recipient> byEmail = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> participants = em.createNativeQuery("select r.subject, r.email, r.time_zone from registration r"
                        + " where r.event_id = ?1 and r.state = 'CONFIRMED' and r.email is not null and ("
                        + " exists (select 1 from session_star st where st.session_id = ?2 and st.subject = r.subject)"
                        + " or exists (select 1 from session_registration sr where sr.session_id = ?2"
                        + " and sr.subject = r.subject and sr.state <> 'CANCELLED')) order by r.id")
                .setParameter(1, s.event.id)
                .setParameter(2, s.id)
                .getResultList();
        for (Object[] p : participants) {
            byEmail.putIfAbsent(
                    ((String) p[1]).toLowerCase(), new Recipient((String) p[0], (String) p[1], (String) p[2]));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> speakers = em.createNativeQuery("select sp.id, sp.account_subject, coalesce(sp.account_email,"
                        + " (select a.email from account a where a.subject = sp.account_subject"
                        + " order by a.id desc limit 1)) from session_speaker ss join speaker sp on sp.id = ss.speaker_id"
                        + " where ss.session_id = ?1 order by ss.position, sp.id")
                .setParameter(1, s.id)
                .getResultList();
        for (Object[] p : speakers) {
            String email = (String) p[2];
            if (email == null || email.isBlank()) {
                continue;
            }
            String key = p[1] != null ? (String) p[1] : "speaker:" + ((Number) p[0]).longValue();
            byEmail.putIfAbsent(email.toLowerCase(), new Recipient(key, email, null));
        }
        return List.copyOf(byEmail.values());
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }
}
