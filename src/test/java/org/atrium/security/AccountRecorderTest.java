package org.atrium.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * An identity's first request on a node (as after a restart: nothing remembered in memory) writes its account only
 * when a claim changed or the row was last seen more than a day ago; otherwise it only reads, so a keynote's known
 * participants joining a fresh node cost no commit each.
 */
@QuarkusTest
class AccountRecorderTest {

    @Inject
    AccountRecorder recorder;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anUnchangedRecentAccountIsReadNotWritten() throws Exception {
        String subject = "recorder-" + System.nanoTime();
        AccountRecorder.Claims claims =
                new AccountRecorder.Claims("https://issuer.example", subject, "Ada", "ada", "ada@example.org", true);
        recorder.record(claims);
        OffsetDateTime first = lastSeen(subject);

        // the same claims again (a node that does not remember them): nothing written
        recorder.record(claims);
        assertEquals(first, lastSeen(subject));

        // a changed claim is written
        recorder.record(new AccountRecorder.Claims(
                "https://issuer.example", subject, "Ada L.", "ada", "ada@example.org", true));
        assertTrue(lastSeen(subject).isAfter(first));
        assertEquals("Ada L.", stored(subject, "name"));

        // unchanged but last seen two days ago: written again, so last_seen_at stays exact to a day
        execute("update account set last_seen_at = now() - interval '2 days' where subject = ?", subject);
        OffsetDateTime stale = lastSeen(subject);
        recorder.record(new AccountRecorder.Claims(
                "https://issuer.example", subject, "Ada L.", "ada", "ada@example.org", true));
        assertTrue(lastSeen(subject).isAfter(stale.plusDays(1)));
    }

    /**
     * First requests of many identities at once (their reads share statements): each is judged on its own row, so the
     * unchanged ones are not written, the changed ones are, and the new ones are created.
     */
    @Test
    void aBurstOfFirstRequestsIsJudgedIdentityByIdentity() throws Exception {
        String prefix = "burst-" + System.nanoTime() + "-";
        java.util.List<AccountRecorder.Claims> known = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            AccountRecorder.Claims claims = new AccountRecorder.Claims(
                    "https://issuer.example", prefix + i, "Person " + i, "p" + i, null, false);
            recorder.record(claims);
            known.add(claims);
        }
        java.util.Map<String, OffsetDateTime> before = new java.util.HashMap<>();
        for (AccountRecorder.Claims claims : known) {
            before.put(claims.subject(), lastSeen(claims.subject()));
        }
        java.util.List<AccountRecorder.Claims> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = i < 10 ? "Person " + i : i < 20 ? "Renamed " + i : "Newcomer " + i;
            burst.add(new AccountRecorder.Claims("https://issuer.example", prefix + i, name, "p" + i, null, false));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.List<java.util.concurrent.Callable<Void>> calls = new java.util.ArrayList<>();
            for (AccountRecorder.Claims claims : burst) {
                calls.add(() -> {
                    recorder.record(claims);
                    return null;
                });
            }
            for (var done : pool.invokeAll(calls)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 30; i++) {
            String subject = prefix + i;
            assertEquals(burst.get(i).name(), stored(subject, "name"), subject);
            if (i < 10) {
                assertEquals(before.get(subject), lastSeen(subject), subject + " unchanged: not written");
            } else if (i < 20) {
                assertTrue(lastSeen(subject).isAfter(before.get(subject)), subject + " renamed: written");
            }
        }
    }

    /**
     * First requests of new identities on an endpoint that runs on the event loop (the live ticket): the account reads
     * finish on a worker, and each request goes on where it was, with its request context: every one is answered and
     * every account stored.
     */
    @Test
    void firstRequestsOnTheEventLoopAreAnsweredAndRecorded() throws Exception {
        String prefix = "newcomer-" + System.nanoTime() + "-";
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tokens.add(org.atrium.support.Tokens.bearer(prefix + i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (String token : tokens) {
                calls.add(() -> io.restassured.RestAssured.given()
                        .header("Authorization", token)
                        .post("/api/live/tickets")
                        .statusCode());
            }
            for (var answered : pool.invokeAll(calls)) {
                assertEquals(201, answered.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(prefix + i, stored(prefix + i, "subject"), "the account is stored");
        }
    }

    private OffsetDateTime lastSeen(String subject) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select last_seen_at from account where subject = ?")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the account is stored");
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private String stored(String subject, String column) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + column + " from account where subject = ?")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private void execute(String sql, String subject) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subject);
            ps.executeUpdate();
        }
    }
}
