package org.atrium.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A test playing another Atrium node: its own connection to the test database, on which it listens to and notifies the
 * cluster channel ({@code atrium_cluster}, messages {@code node \n topic \n payload}) as a node would.
 */
public final class OtherNode implements AutoCloseable {

    public static final String CHANNEL = "atrium_cluster";

    private final Connection connection;

    private OtherNode(Connection connection) {
        this.connection = connection;
    }

    /** Connected with the test server's datasource settings. */
    public static OtherNode connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return new OtherNode(DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class)));
    }

    public Connection jdbc() {
        return connection;
    }

    public void listen() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
    }

    /** Sends a message as node {@code node} (within this connection's transaction, if one is open). */
    public void notifyAs(String node, String topic, String payload) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("select pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, node + "\n" + topic + "\n" + payload);
            s.execute();
        }
    }

    /** The notifications that arrive within 200 ms, as their raw payloads. */
    public List<String> poll() {
        List<String> out = new ArrayList<>();
        try {
            PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications(200);
            if (got != null) {
                for (PGNotification n : got) {
                    out.add(n.getParameter());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
