package org.atrium.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Live ticket redemptions in {@code live_ticket_used}, shared by every node: one short autocommit statement per join
 * (plain JDBC, no ORM session on the handshake path).
 */
@ApplicationScoped
class DatabaseRedemptions implements LiveTickets.Redemptions {

    @Inject
    DataSource dataSource;

    @Override
    public boolean first(byte[] id, Instant expiresAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into live_ticket_used (id, expires_at) values (?, ?) on conflict (id) do nothing")) {
            insert.setBytes(1, id);
            insert.setTimestamp(2, Timestamp.from(expiresAt));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("a live ticket could not be redeemed: " + e.getMessage(), e);
        }
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
