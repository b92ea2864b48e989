package org.atrium.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.atrium.event.Event;

/**
 * Plans reminders into the outbox by due time, a few minutes ahead, in bulk: no timer per person. Each run inserts
 * the rows falling due in {@code (now - planGrace, now + planAhead]}; a unique key per person, event or session and
 * start time makes re-planning (every run, several nodes, a restart) write each reminder once. Stars, sign-ups,
 * registrations and preferences are read as they are when the reminder is planned; the sender checks again that
 * the start has not moved and the preference is still on.
 */
@ApplicationScoped
class ReminderPlanner {

    /** Upper bound of a preferred lead (14 days, as the preference table's check). */
    static final Duration MAX_LEAD = Duration.ofDays(14);

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    /** Plans the reminders due around {@code now}; returns how many rows it wrote. */
    @Transactional
    int plan(Instant now) {
        return planEvents(now) + planSessions(now);
    }

    private int planEvents(Instant now) {
        Instant from = now.minus(config.planGrace());
        Instant to = now.plus(config.planAhead());
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Event> events = Event.list(
                "status = ?1 and firstDay between ?2 and ?3",
                Event.Status.PUBLISHED,
                today.minusDays(1),
                today.plusDays(MAX_LEAD.toDays() + 2));
        int written = 0;
        for (Event event : events) {
            Instant start = eventStart(em, event);
            if (!start.isAfter(now)) {
                continue;
            }
            written += em.createNativeQuery("insert into notification_outbox (event_id, kind, category, recipient,"
                            + " email, recipient_zone, about_starts_at, dedup_key, due_at, created_at)"
                            + " select ?1, 'EVENT_REMINDER', 'REMINDER', r.subject, r.email, r.time_zone, cast(?2 as timestamptz),"
                            + " 'reminder:event:' || ?1 || ':' || r.subject || ':' || ?3, cast(?2 as timestamptz) - make_interval(mins => l.lead), ?4"
                            + " from registration r left join notification_preference p on p.subject = r.subject"
                            + " cross join lateral (select case when p.subject is null then ?5"
                            + " else p.event_lead_minutes end as lead) l"
                            + " where r.event_id = ?1 and r.state = 'CONFIRMED' and r.email is not null"
                            + " and l.lead is not null and (p.subject is null or p.reminders)"
                            + " and cast(?2 as timestamptz) - make_interval(mins => l.lead) > ?6 and cast(?2 as timestamptz) - make_interval(mins => l.lead) <= ?7"
                            + " on conflict (dedup_key) do nothing")
                    .setParameter(1, event.id)
                    .setParameter(2, start)
                    .setParameter(3, start.getEpochSecond())
                    .setParameter(4, now)
                    .setParameter(5, (int) config.eventReminder().toMinutes())
                    .setParameter(6, from)
                    .setParameter(7, to)
                    .executeUpdate();
        }
        return written;
    }

    /** The event starts with its first session that is not cancelled, else at the start of its first day. */
    static Instant eventStart(EntityManager em, Event event) {
        Instant first = em.createQuery(
                        "select min(s.startsAt) from ConferenceSession s where s.event.id = ?1 and s.cancelled = false",
                        Instant.class)
                .setParameter(1, event.id)
                .getSingleResult();
        return first != null ? first : event.firstDay.atStartOfDay(event.zone()).toInstant();
    }

    private int planSessions(Instant now) {
        Instant from = now.minus(config.planGrace());
        Instant to = now.plus(config.planAhead());
        return em.createNativeQuery("insert into notification_outbox (event_id, session_id, kind, category, recipient,"
                        + " email, recipient_zone, about_starts_at, dedup_key, due_at, created_at)"
                        + " select s.event_id, s.id, 'SESSION_REMINDER', 'REMINDER', r.subject, r.email, r.time_zone,"
                        + " s.starts_at, 'reminder:session:' || s.id || ':' || r.subject || ':'"
                        + " || floor(extract(epoch from s.starts_at))::bigint,"
                        + " s.starts_at - make_interval(mins => l.lead), ?1"
                        + " from conference_session s join event e on e.id = s.event_id and e.status = 'PUBLISHED'"
                        + " join (select session_id, subject from session_star union select session_id, subject"
                        + " from session_registration where state <> 'CANCELLED') who on who.session_id = s.id"
                        + " join registration r on r.event_id = s.event_id and r.subject = who.subject"
                        + " and r.state = 'CONFIRMED' and r.email is not null"
                        + " left join notification_preference p on p.subject = r.subject"
                        + " cross join lateral (select case when p.subject is null then ?2"
                        + " else p.session_lead_minutes end as lead) l"
                        + " where not s.cancelled and s.starts_at > ?1 and s.starts_at <= ?5"
                        + " and l.lead is not null and (p.subject is null or p.reminders)"
                        + " and s.starts_at - make_interval(mins => l.lead) > ?3"
                        + " and s.starts_at - make_interval(mins => l.lead) <= ?4"
                        + " on conflict (dedup_key) do nothing")
                .setParameter(1, now)
                .setParameter(2, (int) config.sessionReminder().toMinutes())
                .setParameter(3, from)
                .setParameter(4, to)
                .setParameter(5, to.plus(MAX_LEAD))
                .executeUpdate();
    }
}
