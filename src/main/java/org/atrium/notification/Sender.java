package org.atrium.notification;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends what is due in the outbox: claims a batch ({@code FOR UPDATE SKIP LOCKED}, so several senders or nodes
 * never take the same row) by moving its due time a lease ahead, sends each message outside any transaction, then
 * marks it sent. A crash between sending and marking leaves the row to come back after the lease and be sent again
 * with the same Message-ID: delivery is at-least-once, and mail clients drop the duplicate.
 */
@ApplicationScoped
class Sender {

    /** Replies that mean "this address does not exist / is refused" rather than "this server has a problem". */
    private static final Set<Integer> BOUNCES = Set.of(550, 551, 552, 553);

    @Inject
    EntityManager em;

    @Inject
    Smtp smtp;

    @Inject
    Messages messages;

    @Inject
    Inbox inbox;

    @Inject
    NotificationConfig config;

    /** What one pass did. */
    record Pass(int claimed, int sent, int failed) {}

    /**
     * One pass over what is due at {@code now}: the claimed messages go out {@code parallelism} at a time (each SMTP
     * conversation is a few round trips; {@link Smtp} pools its connections).
     */
    Pass sendDue(Instant now) {
        List<Object[]> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now));
        // one recipient's messages go one after the other, so that the hourly limit counts each of them
        Map<String, List<Long>> byRecipient = new LinkedHashMap<>();
        for (Object[] row : claimed) {
            byRecipient.computeIfAbsent((String) row[1], r -> new ArrayList<>()).add(((Number) row[0]).longValue());
        }
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> unreachable = new AtomicReference<>();
        Semaphore slots = new Semaphore(config.parallelism());
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Long> ids : byRecipient.values()) {
                slots.acquireUninterruptibly();
                workers.submit(() -> {
                    try {
                        for (long id : ids) {
                            send(id, now, unreachable, sent, failed);
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return new Pass(claimed.size(), sent.get(), failed.get());
    }

    private void send(
            long id, Instant now, AtomicReference<String> unreachable, AtomicInteger sent, AtomicInteger failed) {
        try {
            String down = unreachable.get();
            if (down != null) {
                // the server is down: the rest of the batch backs off with it, without waiting for refusals
                QuarkusTransaction.requiringNew()
                        .run(() -> OutboxMessage.<OutboxMessage>findById(id).failed(down, now, config));
                failed.incrementAndGet();
                return;
            }
            Attempt attempt = sendOne(id, now);
            switch (attempt.outcome()) {
                case SENT -> sent.incrementAndGet();
                case FAILED -> failed.incrementAndGet();
                default -> {}
            }
            if (attempt.unreachable() != null) {
                unreachable.compareAndSet(null, attempt.unreachable());
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "notification %d: unexpected failure (sent again after the lease)", id);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> claim(Instant now) {
        List<Object[]> rows = em.createNativeQuery(
                        "select id, recipient from notification_outbox where state = 'PENDING'"
                                + " and due_at <= ?1 order by due_at, id limit ?2 for update skip locked")
                .setParameter(1, now)
                .setParameter(2, config.batchSize())
                .getResultList();
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        if (!ids.isEmpty()) {
            em.createNativeQuery("update notification_outbox set due_at = ?1 where id in (?2)")
                    .setParameter(1, now.plus(config.lease()))
                    .setParameter(2, ids)
                    .executeUpdate();
        }
        return rows;
    }

    enum Outcome {
        SENT,
        FAILED,
        NOT_SENT
    }

    private record Prepared(Email mail, Outcome early, String recipient, Inbox.NoticeView notice) {

        Prepared(Email mail, Outcome early) {
            this(mail, early, null, null);
        }
    }

    /** What sending one message did; {@code unreachable} is the error when no SMTP conversation took place. */
    record Attempt(Outcome outcome, String unreachable) {}

    Attempt sendOne(long id, Instant now) {
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> prepare(id, now));
        if (prepared.notice() != null) {
            inbox.push(prepared.recipient(), prepared.notice());
        }
        if (prepared.early() != null) {
            return new Attempt(prepared.early(), null);
        }
        try {
            smtp.send(prepared.mail());
        } catch (RuntimeException e) {
            SMTPException smtp = smtp(e);
            String error = smtp != null ? smtp.getReplyCode() + " " + smtp.getReplyMessage() : String.valueOf(e);
            boolean bounce = smtp != null && smtp.isPermanent() && BOUNCES.contains(smtp.getReplyCode());
            QuarkusTransaction.requiringNew().run(() -> {
                OutboxMessage m = OutboxMessage.findById(id);
                if (bounce) {
                    m.bounced(error);
                    em.createNativeQuery("insert into notification_bounce (email, outbox_id, reply_code, reason,"
                                    + " bounced_at) values (?1, ?2, ?3, ?4, ?5)")
                            .setParameter(1, m.email)
                            .setParameter(2, id)
                            .setParameter(3, smtp.getReplyCode())
                            .setParameter(4, m.lastError)
                            .setParameter(5, now)
                            .executeUpdate();
                } else {
                    m.failed(error, now, config);
                }
            });
            Log.warnf("notification %d to %s not sent: %s", id, prepared.mail().to(), error);
            return new Attempt(Outcome.FAILED, smtp == null ? error : null);
        }
        QuarkusTransaction.requiringNew()
                .run(() -> OutboxMessage.<OutboxMessage>findById(id).sent(now));
        return new Attempt(Outcome.SENT, null);
    }

    private Prepared prepare(long id, Instant now) {
        OutboxMessage m = OutboxMessage.findById(id);
        if (m == null || m.state != OutboxMessage.State.PENDING) {
            return new Prepared(null, Outcome.NOT_SENT);
        }
        Email mail;
        try {
            mail = messages.render(m);
        } catch (Messages.Outdated e) {
            m.skipped(e.getMessage());
            return new Prepared(null, Outcome.NOT_SENT);
        }
        // the in-app notice whatever the e-mail preferences say (they are about e-mail), once per row
        Inbox.NoticeView notice = inbox.record(m, mail, now).orElse(null);
        NotificationPreference p = NotificationPreference.findById(m.recipient);
        if (p != null && !p.wants(m.category)) {
            m.skipped("turned off by the recipient");
            return new Prepared(null, Outcome.NOT_SENT, m.recipient, notice);
        }
        Instant windowStart = now.minus(Duration.ofHours(1));
        @SuppressWarnings("unchecked")
        List<Object> oldest = em.createNativeQuery("select min(sent_at), count(*) from notification_outbox"
                        + " where recipient = ?1 and state = 'SENT' and sent_at > ?2 and sent_at <= ?3")
                .setParameter(1, m.recipient)
                .setParameter(2, windowStart)
                .setParameter(3, now)
                .getResultList();
        Object[] window = (Object[]) oldest.get(0);
        if (((Number) window[1]).intValue() >= config.perRecipientPerHour()) {
            m.dueAt = ScheduleNotices.instant(window[0]).plus(Duration.ofHours(1));
            return new Prepared(null, Outcome.NOT_SENT, m.recipient, notice);
        }
        return new Prepared(mail, null, m.recipient, notice);
    }

    private static SMTPException smtp(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException s) {
                return s;
            }
        }
        return null;
    }
}
