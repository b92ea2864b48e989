package org.atrium.live;

import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;
import org.atrium.common.BatchedCalls;

/**
 * Live ticket redemptions in {@code live_ticket_used}, shared by every node: the table's primary key lets exactly one
 * redemption of an id through, on any node (plain JDBC, no ORM session on the handshake path).
 *
 * <p>Redemptions that arrive together are written together ({@link BatchedCalls}): one autocommit statement, so one
 * commit and one WAL flush, for a whole burst of handshakes instead of one each. Each caller returns only once its id
 * is committed, so the guarantee is the single insert's: an id in a batch twice counts once, and an id another node
 * stored first is refused here. The handshakes do not wait on a thread each: the statements run on one worker at a time
 * and answer the handshakes as they commit.
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

    private record Redemption(String id, long expiresAt) {}

    private final BatchedCalls<Redemption, Boolean> batches =
            new BatchedCalls<>(MAX_BATCH, this::write, Infrastructure.getDefaultWorkerPool());

    @Override
    public CompletionStage<Boolean> first(byte[] id, Instant expiresAt) {
        return batches.submit(new Redemption(HexFormat.of().formatHex(id), expiresAt.toEpochMilli()));
    }

    /** Writes a batch in one statement: true for each id this statement stored, false for a repeat or a stored one. */
    private List<Boolean> write(List<Redemption> batch) {
        // an id in the batch twice is written once, and only its first caller may use it
        Map<String, Redemption> distinct = new LinkedHashMap<>();
        for (Redemption r : batch) {
            distinct.putIfAbsent(r.id(), r);
        }
        Set<String> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT_SQL)) {
            insert.setArray(1, c.createArrayOf("text", distinct.keySet().toArray(String[]::new)));
            insert.setArray(
                    2,
                    c.createArrayOf(
                            "bigint",
                            distinct.values().stream()
                                    .map(Redemption::expiresAt)
                                    .toArray(Long[]::new)));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("a live ticket could not be redeemed: " + e.getMessage(), e);
        }
        List<Boolean> first = new ArrayList<>(batch.size());
        for (Redemption r : batch) {
            first.add(inserted.remove(r.id()));
        }
        return first;
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
