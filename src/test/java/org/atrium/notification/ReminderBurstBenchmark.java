package org.atrium.notification;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.SmtpResource.InjectSmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: {@code ./mvnw -B verify -Pbenchmark -Dtest=ReminderBurstBenchmark}. N participants
 * ({@code -Dbench.reminders=20000}) starred one session; all their reminders fall due in the same minute. Prints the
 * time to plan them and the time until the last is handed to the SMTP server (GreenMail in the same JVM), and checks
 * that each arrived once.
 */
@QuarkusTest
@Tag("benchmark")
class ReminderBurstBenchmark {

    @InjectSmtp
    GreenMail smtp;

    @Inject
    Fixtures fixtures;

    @Inject
    Deliveries deliveries;

    @Inject
    ReminderPlanner planner;

    @Inject
    EntityManager em;

    @Test
    void remindersForOneSessionDueAtTheSameMinute() {
        int people = Integer.getInteger("bench.reminders", 20000);
        Instant opening = Instant.parse("2027-06-01T11:00:00Z");
        Event event = fixtures.event(
                Fixtures.uniqueSlug("burst"),
                "Asia/Baku",
                java.time.LocalDate.of(2027, 6, 1),
                java.time.LocalDate.of(2027, 6, 1),
                true);
        ConferenceSession s = fixtures.session(event, null, "Burst", opening, opening.plus(Duration.ofHours(1)));
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into registration (event_id, subject, display_name, email, time_zone, state,"
                            + " created_at, updated_at) select ?1, 'burst-' || g, 'Person ' || g,"
                            + " 'burst-' || g || '@example.org', 'Europe/London', 'CONFIRMED', now(), now()"
                            + " from generate_series(1, ?2) g")
                    .setParameter(1, event.id)
                    .setParameter(2, people)
                    .executeUpdate();
            em.createNativeQuery("insert into session_star (session_id, subject, created_at)"
                            + " select ?1, r.subject, now() from registration r where r.event_id = ?2")
                    .setParameter(1, s.id)
                    .setParameter(2, event.id)
                    .executeUpdate();
            em.createNativeQuery("analyze").executeUpdate();
        });
        int before = smtp.getReceivedMessages().length;
        Instant due = opening.minus(Duration.ofMinutes(15));
        long t0 = System.nanoTime();
        int planned = planner.plan(due);
        long t1 = System.nanoTime();
        int sent = deliveries.run(due);
        long t2 = System.nanoTime();
        int received = smtp.getReceivedMessages().length - before;
        System.out.printf(
                "reminder burst: %d participants, planned %d in %d ms, handed %d to SMTP in %d ms (%.0f/s), server received %d%n",
                people,
                planned,
                (t1 - t0) / 1_000_000,
                sent,
                (t2 - t1) / 1_000_000,
                sent / ((t2 - t1) / 1e9),
                received);
        if (received != people) {
            throw new AssertionError("expected " + people + " messages at the SMTP server, got " + received);
        }
    }
}
