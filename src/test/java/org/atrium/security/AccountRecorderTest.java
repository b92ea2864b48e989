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
