package org.atrium.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.atrium.EmbeddedDatabase;
import org.atrium.support.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The outbox against process death and SMTP outages, with the packaged server in its own JVM and a real SMTP server
 * (GreenMail) in this one, where every message is counted. 1,000 people starred a session whose reminders are due
 * now; the server is killed with SIGKILL while it sends them and started again: every reminder arrives, and none
 * twice beyond what at-least-once allows (a message SMTP accepted but the killed server had not marked sent comes again
 * after the lease, with the same Message-ID, so a mail client shows it once). Then SMTP is down while another 300 fall
 * due: the sender retries with backoff and delivers all of them once SMTP is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationCrashIT {

    static final int REMINDERS = 1000;
    static final int DURING_OUTAGE = 300;
    /** Messages in flight per sender: the most a SIGKILL can leave accepted by SMTP but not marked sent. */
    static final int PARALLELISM = 8;

    static Path work;
    static EmbeddedDatabase db;
    static int dbPort;
    static int httpPort;
    static int smtpPort;
    static GreenMail smtp;
    static Process server;
    static int starts;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("atrium-notification-it");
        dbPort = PackagedApp.freePort();
        db = EmbeddedDatabase.start(work.resolve("pg"), dbPort);
        smtpPort = PackagedApp.freePort();
        smtp = startSmtp();
        httpPort = PackagedApp.freePort();
        startServer(); // migrates the schema
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (db != null) {
            db.stop();
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory; the OS cleans it eventually
            }
        }
    }

    @Test
    @Order(1)
    void killedWhileSendingAThousandRemindersThenRestartedSendsEachOnce() throws Exception {
        seed("crash", REMINDERS);
        // the poller (every second) plans the 1,000 reminders and starts sending; kill -9 in the middle
        while (smtp.getReceivedMessages().length < 100) {
            Thread.sleep(20);
        }
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int beforeKill = smtp.getReceivedMessages().length;
        assertTrue(beforeKill < REMINDERS, "the kill came while the sender was sending (" + beforeKill + ")");

        startServer();
        awaitAllSent("crash", REMINDERS);

        Delivered d = delivered("crash-");
        assertEquals(REMINDERS, d.recipients(), "every reminder arrived");
        assertEquals(REMINDERS, d.messageIds(), "one Message-ID per reminder");
        assertEquals(d.messageIds(), d.recipientAndId(), "a resend carries the first send's Message-ID");
        assertTrue(
                d.received() - REMINDERS <= PARALLELISM,
                "at most the messages in flight at the kill come twice: " + (d.received() - REMINDERS));
        System.out.printf(
                "crash test: %d reminders, %d received before the kill, %d received in all, %d resent after the"
                        + " lease (same Message-ID)%n",
                REMINDERS, beforeKill, d.received(), d.received() - REMINDERS);
    }

    @Test
    @Order(2)
    void withSmtpDownTheSenderRetriesAndDeliversAllOnceItIsBack() throws Exception {
        smtp.stop();
        seed("outage", DURING_OUTAGE);
        // the sender finds SMTP down: every row due counts failed attempts (backoff 1 s, 2 s, at most 4 s here)
        while (count("select count(*) from notification_outbox o join event e on e.id = o.event_id"
                        + " where e.slug = 'it-outage' and o.attempts >= 2")
                < DURING_OUTAGE) {
            Thread.sleep(200);
        }
        assertEquals(
                0,
                count("select count(*) from notification_outbox o join event e on e.id = o.event_id"
                        + " where e.slug = 'it-outage' and o.state <> 'PENDING'"),
                "nothing given up or marked sent while SMTP was down");
        smtp = startSmtp();
        awaitAllSent("outage", DURING_OUTAGE);

        Delivered d = delivered("outage-");
        assertEquals(DURING_OUTAGE, d.recipients());
        assertEquals(DURING_OUTAGE, d.received(), "each once: no crash, so no resend");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    record Delivered(int received, int recipients, int messageIds, int recipientAndId) {}

    /** What GreenMail received for recipients whose address starts with {@code prefix}. */
    static Delivered delivered(String prefix) throws MessagingException {
        int received = 0;
        Map<String, Integer> perRecipient = new HashMap<>();
        Map<String, Integer> perId = new HashMap<>();
        Map<String, Integer> perPair = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String to = m.getAllRecipients()[0].toString();
            if (!to.startsWith(prefix)) {
                continue;
            }
            received++;
            perRecipient.merge(to, 1, Integer::sum);
            perId.merge(m.getMessageID(), 1, Integer::sum);
            perPair.merge(to + " " + m.getMessageID(), 1, Integer::sum);
        }
        return new Delivered(received, perRecipient.size(), perId.size(), perPair.size());
    }

    static void awaitAllSent(String name, int expected) throws Exception {
        String sql = "select count(*) from notification_outbox o join event e on e.id = o.event_id"
                + " where e.slug = 'it-" + name + "' and o.state = 'SENT'";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (count(sql) < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count(sql) + " of " + expected + " sent after 10 minutes");
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("server stopped:\n" + Files.readString(log()));
            }
            Thread.sleep(200);
        }
        // and nothing else is left to send for them
        assertEquals(
                0,
                count("select count(*) from notification_outbox o join event e on e.id = o.event_id"
                        + " where e.slug = 'it-" + name + "' and o.state <> 'SENT'"));
    }

    /**
     * An event whose one session starts in 15 minutes less 30 seconds, starred by {@code people} confirmed
     * registrants (addresses {@code <name>-<n>@example.org}): their session reminders are due now.
     */
    static void seed(String name, int people) throws Exception {
        Instant starts = Instant.now().plus(Duration.ofMinutes(15)).minusSeconds(30);
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = jdbc()) {
            long eventId;
            try (PreparedStatement st = c.prepareStatement("insert into event (slug, title, time_zone, first_day,"
                    + " last_day, status, visibility, created_by, created_at, updated_at) values (?, ?, 'Asia/Baku',"
                    + " current_date, current_date + 1, 'PUBLISHED', 'PUBLIC', 'organiser', ?, ?) returning id")) {
                st.setString(1, "it-" + name);
                st.setString(2, "IT " + name);
                st.setTimestamp(3, now);
                st.setTimestamp(4, now);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    eventId = rs.getLong(1);
                }
            }
            long session;
            try (PreparedStatement st = c.prepareStatement("insert into conference_session (event_id, title, type,"
                    + " starts_at, ends_at, created_at, updated_at) values (?, 'Keynote', 'TALK', ?, ?, ?, ?)"
                    + " returning id")) {
                st.setLong(1, eventId);
                st.setTimestamp(2, Timestamp.from(starts));
                st.setTimestamp(3, Timestamp.from(starts.plus(Duration.ofHours(1))));
                st.setTimestamp(4, now);
                st.setTimestamp(5, now);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    session = rs.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement("insert into registration (event_id, subject,"
                    + " display_name, email, time_zone, state, created_at, updated_at) select ?, ? || '-' || g,"
                    + " 'Person ' || g, ? || '-' || g || '@example.org', 'Europe/London', 'CONFIRMED', now(), now()"
                    + " from generate_series(1, ?) g")) {
                st.setLong(1, eventId);
                st.setString(2, name);
                st.setString(3, name);
                st.setInt(4, people);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("insert into session_star (session_id, subject,"
                    + " created_at) select ?, r.subject, now() from registration r where r.event_id = ?")) {
                st.setLong(1, session);
                st.setLong(2, eventId);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("analyze")) {
                st.execute();
            }
        }
    }

    static long count(String sql) throws Exception {
        try (Connection c = jdbc();
                PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection jdbc() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER);
    }

    static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    static Path log() {
        return work.resolve("server-" + starts + ".log");
    }

    static void startServer() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("atrium.app.jar", "target/quarkus-app/quarkus-run.jar");
        starts++;
        server = new ProcessBuilder(
                        java,
                        "-Dquarkus.http.port=" + httpPort,
                        "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                        "-Dquarkus.datasource.username=" + EmbeddedDatabase.USER,
                        "-Dquarkus.datasource.password=" + EmbeddedDatabase.USER,
                        "-Dquarkus.oidc.tenant-enabled=false",
                        "-Datrium.smtp.host=127.0.0.1",
                        "-Datrium.smtp.port=" + smtpPort,
                        "-Datrium.smtp.start-tls=DISABLED",
                        "-Datrium.smtp.timeout=PT10S",
                        "-Datrium.notifications.send-every=1s",
                        "-Datrium.notifications.batch-size=200",
                        "-Datrium.notifications.parallelism=" + PARALLELISM,
                        // a crashed sender's claimed rows come back after this
                        "-Datrium.notifications.lease=PT15S",
                        "-Datrium.notifications.backoff=PT1S",
                        "-Datrium.notifications.max-backoff=PT4S",
                        "-Datrium.notifications.max-attempts=1000",
                        "-Datrium.notifications.unsubscribe-secret=it-secret",
                        "-jar",
                        jar)
                .redirectErrorStream(true)
                .redirectOutput(log().toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://localhost:" + httpPort + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server stopped:\n" + Files.readString(log()));
            }
            try {
                HttpResponse<String> r =
                        http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not become ready:\n" + Files.readString(log()));
    }
}
