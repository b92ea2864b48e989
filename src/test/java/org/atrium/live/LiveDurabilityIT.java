package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Nothing acknowledged is lost: the packaged server (its own JVM) is killed with SIGKILL while a publisher streams
 * and restarted; the database is stopped and started again. Tokens are signed here and verified by the server with
 * {@code quarkus.oidc.public-key}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDurabilityIT {

    static final String ISSUER = "https://atrium.test/issuer";
    static final int MESSAGES = 300;

    static Path work;
    static Path dataDir;
    static int dbPort;
    static EmbeddedDatabase db;
    static KeyPair keys;
    static int httpPort;
    static Process server;
    static int starts;
    static long sessionId;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("atrium-live-it");
        dataDir = work.resolve("pg");
        dbPort = PackagedApp.freePort();
        db = EmbeddedDatabase.start(dataDir, dbPort);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        httpPort = PackagedApp.freePort();
        base = URI.create("http://localhost:" + httpPort + "/");
        startServer();
        sessionId = seed();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.destroyForcibly();
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
    void serverKilledWhilePublishingLosesNothingAcknowledged() throws Exception {
        String path = "/live/sessions/" + sessionId;
        Map<String, Long> acked = new LinkedHashMap<>();
        List<JsonNode> received = new ArrayList<>();
        long bobSeen;
        try (LiveClient bob = connect(path, "bob");
                LiveClient alice = connect(path, "alice")) {
            bob.next("snapshot");
            alice.next("snapshot");
            // paced (a line a millisecond), so the kill lands while the publisher still streams: sent all at once,
            // the writer's batches acknowledged all 300 before the kill
            Thread publisher = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 1; i <= MESSAGES; i++) {
                        alice.send("{\"type\":\"chat.post\",\"ref\":\"p-" + i + "\",\"text\":\"m-" + i + "\"}");
                        Thread.sleep(1);
                    }
                } catch (RuntimeException | InterruptedException e) {
                    // the server was killed under it
                }
            });
            // kill -9 once some (not all) are acknowledged
            while (acked.size() < 40) {
                collectAck(alice.next(), acked);
            }
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            publisher.join(30_000);
            // what reached the clients before the kill
            JsonNode f;
            while ((f = alice.poll(1)) != null) {
                collectAck(f, acked);
            }
            while ((f = bob.poll(1)) != null) {
                if (f.path("type").asText().equals("chat.posted")) {
                    received.add(f);
                }
            }
            bobSeen = received.isEmpty()
                    ? 0
                    : received.get(received.size() - 1).get("seq").asLong();
        }
        assertTrue(acked.size() < MESSAGES, "the kill came while the publisher streamed");
        startServer();

        // the publisher sends again everything not acknowledged, with the same refs
        try (LiveClient alice = connect(path, "alice")) {
            alice.next("snapshot");
            for (int i = 1; i <= MESSAGES; i++) {
                if (!acked.containsKey("p-" + i)) {
                    alice.send("{\"type\":\"chat.post\",\"ref\":\"p-" + i + "\",\"text\":\"m-" + i + "\"}");
                }
            }
            while (acked.size() < MESSAGES) {
                collectAck(alice.next(), acked);
            }
        }
        // a subscriber resumes from the last seq it saw
        try (LiveClient bob = connect(path + "?since=" + bobSeen, "bob")) {
            while (received.size() < MESSAGES) {
                JsonNode f = bob.next("chat.posted");
                received.add(f);
            }
            assertEquals(List.of(), bob.drain(300));
        }
        Map<Long, String> stored = storedTexts();
        assertEquals(MESSAGES, stored.size(), "each message stored once");
        for (int i = 0; i < MESSAGES; i++) {
            JsonNode f = received.get(i);
            assertEquals(i + 1, f.get("seq").asLong(), "gapless, in order, no duplicates");
            assertEquals(stored.get((long) i + 1), f.at("/message/text").asText());
        }
        acked.forEach((ref, seq) -> assertEquals("m-" + ref.substring(2), stored.get(seq), ref));
    }

    @Test
    @Order(2)
    void withTheDatabaseStoppedMessagesGetErrorsAndNothingIsLostOnceItIsBack() throws Exception {
        String path = "/live/sessions/" + sessionId;
        long before = storedTexts().size();
        try (LiveClient bob = connect(path, "bob");
                LiveClient alice = connect(path, "alice")) {
            assertEquals(before, bob.next("snapshot").get("seq").asLong());
            alice.next("snapshot");
            db.stop();
            JsonNode refused = alice.command("{\"type\":\"chat.post\",\"ref\":\"d-1\",\"text\":\"during outage\"}");
            assertEquals("error", refused.get("type").asText(), refused.toString());
            assertEquals("storage.unavailable", refused.get("code").asText());
            assertEquals("d-1", refused.get("ref").asText());
            assertEquals(List.of(), bob.drain(300));

            db = EmbeddedDatabase.start(dataDir, dbPort);
            JsonNode answer = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                answer = alice.command("{\"type\":\"chat.post\",\"ref\":\"d-1\",\"text\":\"during outage\"}");
                if (answer.get("type").asText().equals("ack")) {
                    break;
                }
                assertEquals("storage.unavailable", answer.get("code").asText());
                Thread.sleep(200);
            }
            assertEquals("ack", answer.get("type").asText(), answer.toString());
            assertEquals(before + 1, answer.get("seq").asLong(), "failed attempts used no seq");
            JsonNode posted = bob.next("chat.posted");
            assertEquals(before + 1, posted.get("seq").asLong());
            assertEquals("during outage", posted.at("/message/text").asText());
        }
        Map<Long, String> stored = storedTexts();
        assertEquals(before + 1, stored.size());
        assertEquals("during outage", stored.get(before + 1));
    }

    @Test
    @Order(3)
    void anExpiredTokenClosesTheConnectionWith4001() throws Exception {
        // exp in whole seconds, 4-5 s ahead: the hub's once-a-second sweep may expire it up to 2 s early, and the join
        // (right after the database outage above) must get its snapshot out first
        String token = token("bob", Instant.now().plusSeconds(5));
        try (LiveClient bob = LiveClient.connect(
                base, "/live/sessions/" + sessionId, Map.of("Authorization", "Bearer " + token), List.of())) {
            bob.next("snapshot");
            JsonNode expired = bob.next("error");
            assertEquals("auth.expired", expired.get("code").asText());
            assertEquals(4001, bob.awaitClose());
        }
    }

    @Test
    @Order(4)
    void aTicketConnectionClosesWith4001WhenItsTokenExpires() throws Exception {
        // exp in whole seconds, 4-5 s ahead: the hub's once-a-second sweep may expire it up to 2 s early, and the join
        // (right after the database outage above) must get its snapshot out first
        String token = token("bob", Instant.now().plusSeconds(5));
        HttpResponse<String> minted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("/api/live/tickets"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, minted.statusCode(), minted.body());
        String ticket = LiveClient.JSON.readTree(minted.body()).get("ticket").asText();
        try (LiveClient bob =
                LiveClient.connect(base, "/live/sessions/" + sessionId + "?ticket=" + ticket, Map.of(), List.of())) {
            assertEquals("bob", bob.next("snapshot").at("/you/subject").asText());
            JsonNode expired = bob.next("error");
            assertEquals("auth.expired", expired.get("code").asText());
            assertEquals(4001, bob.awaitClose());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static void collectAck(JsonNode frame, Map<String, Long> acked) {
        if (frame.path("type").asText().equals("ack")) {
            Long earlier = acked.put(frame.get("ref").asText(), frame.get("seq").asLong());
            if (earlier != null) {
                assertEquals(earlier, frame.get("seq").asLong(), "a retried ref keeps its seq");
            }
        } else if (frame.path("type").asText().equals("error")) {
            throw new AssertionError("unexpected error " + frame);
        }
    }

    private static LiveClient connect(String path, String user) throws Exception {
        return LiveClient.connect(
                base,
                path,
                Map.of("Authorization", "Bearer " + token(user, Instant.now().plusSeconds(3600))),
                List.of());
    }

    private static Map<Long, String> storedTexts() throws Exception {
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = jdbc();
                PreparedStatement st = c.prepareStatement(
                        "select seq, payload->'message'->>'text' from live_log where room = ? order by seq")) {
            st.setString(1, "session:" + sessionId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER);
    }

    /** An event with a session running now, organised by "organiser"; alice and bob are confirmed participants. */
    private static long seed() throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = jdbc()) {
            long eventId;
            try (PreparedStatement st = c.prepareStatement(
                    "insert into event (slug, title, time_zone, first_day, last_day, status, visibility, created_by,"
                            + " created_at, updated_at) values ('it-live', 'IT', 'Asia/Baku', current_date, current_date,"
                            + " 'PUBLISHED', 'PUBLIC', 'organiser', ?, ?) returning id")) {
                st.setTimestamp(1, now);
                st.setTimestamp(2, now);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    eventId = rs.getLong(1);
                }
            }
            try (PreparedStatement st =
                    c.prepareStatement("insert into event_organiser (event_id, subject) values (?, 'organiser')")) {
                st.setLong(1, eventId);
                st.executeUpdate();
            }
            long session;
            try (PreparedStatement st = c.prepareStatement(
                    "insert into conference_session (event_id, title, type, starts_at, ends_at, created_at, updated_at)"
                            + " values (?, 'Streaming', 'TALK', ?, ?, ?, ?) returning id")) {
                st.setLong(1, eventId);
                st.setTimestamp(2, Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))));
                st.setTimestamp(3, Timestamp.from(Instant.now().plus(Duration.ofHours(2))));
                st.setTimestamp(4, now);
                st.setTimestamp(5, now);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    session = rs.getLong(1);
                }
            }
            for (String who : List.of("alice", "bob")) {
                try (PreparedStatement st = c.prepareStatement(
                        "insert into registration (event_id, subject, display_name, state, created_at, updated_at)"
                                + " values (?, ?, ?, 'CONFIRMED', ?, ?)")) {
                    st.setLong(1, eventId);
                    st.setString(2, who);
                    st.setString(3, who);
                    st.setTimestamp(4, now);
                    st.setTimestamp(5, now);
                    st.executeUpdate();
                }
            }
            return session;
        }
    }

    private static void startServer() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("atrium.app.jar", "target/quarkus-app/quarkus-run.jar");
        Path log = work.resolve("server-" + (++starts) + ".log");
        server = new ProcessBuilder(
                        java,
                        "-Dquarkus.http.port=" + httpPort,
                        "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                        "-Dquarkus.datasource.username=" + EmbeddedDatabase.USER,
                        "-Dquarkus.datasource.password=" + EmbeddedDatabase.USER,
                        "-Dquarkus.oidc.public-key="
                                + Base64.getEncoder()
                                        .encodeToString(keys.getPublic().getEncoded()),
                        "-Dquarkus.oidc.token.issuer=" + ISSUER,
                        "-Datrium.live.chat-per-minute=1000000",
                        "-jar",
                        jar)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server stopped:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not become ready:\n" + Files.readString(log));
    }

    /** An RS256 access token the server verifies with the configured public key. */
    static String token(String subject, Instant expires) throws Exception {
        return PackagedApp.token(keys, ISSUER, subject, expires);
    }
}
