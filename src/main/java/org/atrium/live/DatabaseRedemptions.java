package org.atrium.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Live ticket redemptions in {@code live_ticket_used}, shared by every node: the table's primary key lets exactly one
 * redemption of an id through, on any node (plain JDBC, no ORM session on the handshake path).
 *
 * <p>Redemptions that arrive together are written together: one caller at a time writes everything queued so far in
 * one autocommit statement (one commit, so one WAL flush, for a whole burst of handshakes instead of one each), while
 * the callers that queued meanwhile wait for the next write or find theirs done. Each caller returns only once its id
 * is committed, so the guarantee is the single insert's: an id in a batch twice counts once, and an id another node
 * stored first is refused here.
 */
@ApplicationScoped
class DatabaseRedemptions implements LiveTickets.Redemptions {

    /** At most this many ids per statement; the rest wait for the next one. */
    static final int MAX_BATCH = 500;

    static final String INSERT_SQL = "insert into live_ticket_used (id, expires_at)"
            + " select decode(k.id, 'hex'), to_timestamp(k.at / 1000.0) from unnest(?::text[], ?::bigint[]) as k(id, at)"
            + " on conflict (id) do nothing returning encode(id, 'hex')";

    @Inject
    DataSource dataSource;

    /** A redemption waiting to be written; {@code first} is set under {@link #writing}, read after it. */
    private static final class Pending {
        final String id;
        final long expiresAt;
        Boolean first;
        RuntimeException failure;

        Pending(String id, long expiresAt) {
            this.id = id;
            this.expiresAt = expiresAt;
        }
    }

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    @Override
    public boolean first(byte[] id, Instant expiresAt) {
        Pending mine = new Pending(HexFormat.of().formatHex(id), expiresAt.toEpochMilli());
        queue.add(mine);
        while (true) {
            writing.lock();
            try {
                if (mine.first == null && mine.failure == null) {
                    write();
                }
                if (mine.failure != null) {
                    throw mine.failure;
                }
                if (mine.first != null) {
                    return mine.first;
                }
            } finally {
                writing.unlock();
            }
        }
    }

    /** Under {@link #writing}: writes what is queued (up to {@link #MAX_BATCH}) and tells each its outcome. */
    private void write() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        // an id queued twice is written once, and only its first caller may use it
        Map<String, Pending> distinct = new LinkedHashMap<>();
        for (Pending p : batch) {
            if (distinct.putIfAbsent(p.id, p) != null) {
                p.first = false;
            }
        }
        Set<String> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT_SQL)) {
            insert.setArray(1, c.createArrayOf("text", distinct.keySet().toArray(String[]::new)));
            insert.setArray(
                    2,
                    c.createArrayOf(
                            "bigint",
                            distinct.values().stream().map(p -> p.expiresAt).toArray(Long[]::new)));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            IllegalStateException failure =
                    new IllegalStateException("a live ticket could not be redeemed: " + e.getMessage(), e);
            distinct.values().forEach(p -> p.failure = failure);
            return;
        }
        distinct.values().forEach(p -> p.first = inserted.contains(p.id));
    }

    @Override
    public void forgetExpired(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from live_ticket_used where expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "expired live ticket redemptions could not be dropped: " + e.getMessage(), e);
        }
    }
}
