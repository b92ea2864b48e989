package org.atrium.notification;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.live.LiveClient;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.SmtpResource.InjectSmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: {@code ./mvnw -B verify -Pbenchmark -Dtest=ReminderBurstBenchmark}. N participants
 * ({@code -Dbench.reminders=20000}) starred one session; all their reminders fall due in the same minute. Prints the
 * time to plan them and the time until the last is handed to the SMTP server (GreenMail in the same JVM), and checks
 * that each arrived once. Meanwhile a live room that is under way is probed, before the burst (baseline) and during
 * it: a chat line a second from one member to another (stored by the room's writer, so it shares the database with
 * the sender) and a ping every 100 ms (the socket's event loop); the latencies are printed as p50/p99/max.
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

    @TestHTTPResource("/")
    URI base;

    /**
     * Probes a live room: chat lines from {@code from}, timed until {@code to} receives them (one a second, the chat
     * rate limit), and pings from {@code to}, timed until their pong (ten a second). Frames are read in order on
     * each connection, so each probe waits for its own answer.
     */
    static final class Probe {
        final LiveClient from;
        final LiveClient to;
        final String tag;
        final List<Long> chatMicros = new ArrayList<>();
        final List<Long> pingMicros = new ArrayList<>();
        volatile boolean stopped;

        Probe(LiveClient from, LiveClient to, String tag) {
            this.from = from;
            this.to = to;
            this.tag = tag;
        }

        void runFor(Duration d) {
            long end = System.nanoTime() + d.toNanos();
            loop(() -> System.nanoTime() < end);
        }

        void runUntilStopped() {
            loop(() -> !stopped);
        }

        void stop() {
            stopped = true;
        }

        private void loop(java.util.function.BooleanSupplier go) {
            int n = 0;
            long nextChat = System.nanoTime();
            while (go.getAsBoolean()) {
                n++;
                if (System.nanoTime() >= nextChat) {
                    nextChat += 1_050_000_000L;
                    long s0 = System.nanoTime();
                    String text = tag + "-" + n;
                    from.send("{\"type\":\"chat.post\",\"ref\":\"" + text + "\",\"text\":\"" + text + "\"}");
                    awaitLine(to, text);
                    chatMicros.add((System.nanoTime() - s0) / 1000);
                    awaitLine(from, text); // the author's ack and own copy, so its frames do not pile up
                }
                long p0 = System.nanoTime();
                String ref = tag + "p" + n;
                to.send("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
                while (true) {
                    var f = to.next();
                    if (f.path("type").asText().equals("pong")
                            && f.path("ref").asText().equals(ref)) {
                        break;
                    }
                }
                pingMicros.add((System.nanoTime() - p0) / 1000);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static void awaitLine(LiveClient c, String text) {
            while (true) {
                var f = c.next();
                if (f.path("type").asText().equals("chat.posted")
                        && f.at("/message/text").asText().equals(text)) {
                    return;
                }
                if (f.path("type").asText().equals("error")) {
                    throw new AssertionError("the live room refused the probe: " + f);
                }
            }
        }

        String summary() {
            return "chat line " + stats(chatMicros) + "; ping " + stats(pingMicros);
        }

        private static String stats(List<Long> micros) {
            if (micros.isEmpty()) {
                return "no samples";
            }
            List<Long> sorted = micros.stream().sorted().toList();
            return String.format(
                    "n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    sorted.size(),
                    sorted.get(sorted.size() / 2) / 1000.0,
                    sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0,
                    sorted.get(sorted.size() - 1) / 1000.0);
        }
    }

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
        ConferenceSession live = fixtures.sessionUnderway("burst-live");
        String path = "/live/sessions/" + live.id;
        long t0, t1, t2;
        int planned, sent;
        Probe baseline, during;
        try (LiveClient alice = LiveClient.connect(base, path, "alice");
                LiveClient speaker = LiveClient.connect(base, path, "speaker")) {
            alice.next("snapshot");
            speaker.next("snapshot");
            Probe warmup = new Probe(alice, speaker, "w");
            warmup.runFor(Duration.ofSeconds(3));
            baseline = new Probe(alice, speaker, "b");
            baseline.runFor(Duration.ofSeconds(Integer.getInteger("bench.baseline-seconds", 20)));
            during = new Probe(alice, speaker, "d");
            Thread probe = Thread.ofPlatform().start(() -> during.runUntilStopped());
            t0 = System.nanoTime();
            planned = planner.plan(due);
            t1 = System.nanoTime();
            sent = deliveries.run(due);
            t2 = System.nanoTime();
            during.stop();
            try {
                probe.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        System.out.println("live room before the burst: " + baseline.summary());
        System.out.println("live room during the burst: " + during.summary());
        if (received != people) {
            throw new AssertionError("expected " + people + " messages at the SMTP server, got " + received);
        }
    }
}
