package org.atrium.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What one Atrium node tells the others, through PostgreSQL (which every node already needs): {@code NOTIFY} on one
 * channel, {@code LISTEN} on a connection of its own. {@link #publish} sends a {@link ClusterMessage}; inside a
 * transaction it is delivered when (and only if) that transaction commits, which is what a cache invalidation needs.
 * Every other node fires it as a CDI event on its listening thread; a node ignores its own messages.
 *
 * <p>A notification reaches only connections listening when it commits: a node whose listening connection broke (a
 * network cut, a terminated backend, a database restart) may have missed some. So after every (re)connection the
 * channel fires {@link ClusterResync}, and observers treat everything they derived from other nodes' data as stale. A
 * silently dead connection (no error, no traffic) is found by a {@code SELECT 1} every {@code
 * atrium.cluster.check-interval}, which bounds how long a node can go on believing it listens. While not listening, the
 * node's readiness check ({@link ClusterHealthCheck}) is down, so a proxy sends it no new work.
 *
 * <p>The listening connection is opened with the datasource's URL and credentials outside the pool: it is held for
 * the node's life and must not count against (or be recycled by) the pool.
 */
@ApplicationScoped
public class ClusterChannel {

    private static final Logger LOG = Logger.getLogger(ClusterChannel.class);

    /** The PostgreSQL channel every node listens on. */
    static final String CHANNEL = "atrium_cluster";

    /** The listening connection's {@code application_name}, followed by the node id (pg_stat_activity shows it). */
    static final String LISTENER_NAME = "atrium-cluster-listener";

    /** PostgreSQL refuses a notification payload of 8,000 bytes or more; leave room for the node and topic. */
    public static final int MAX_PAYLOAD_BYTES = 7_000;

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "atrium.cluster.check-interval", defaultValue = "10S")
    Duration checkInterval;

    @Inject
    DataSource dataSource;

    @Inject
    Event<ClusterMessage> messages;

    @Inject
    Event<ClusterResync> resyncs;

    @Inject
    MeterRegistry registry;

    private final String node = NodeId.current();

    private volatile boolean listening;
    private volatile boolean stopping;
    private volatile String lastError;
    private volatile Connection connection;
    private volatile Thread listener;
    private int connections;

    private Counter received;
    private Counter sent;
    private Counter resynced;

    /** This node's id ({@code host:pid}). */
    public String node() {
        return node;
    }

    /** Whether the node listens now; if not, it may miss other nodes' messages. */
    public boolean listening() {
        return listening;
    }

    /** Why the last connection ended, or null. */
    String lastError() {
        return lastError;
    }

    /** Before anything that publishes can run: the first connection is made here, the rest by the listening thread. */
    void start(@Observes @Priority(10) StartupEvent startup) {
        received = Counter.builder("atrium.cluster.notifications.received")
                .description("Cluster messages received from other nodes")
                .tag("node", node)
                .register(registry);
        sent = Counter.builder("atrium.cluster.notifications.sent")
                .description("Cluster messages this node published")
                .tag("node", node)
                .register(registry);
        resynced = Counter.builder("atrium.cluster.resyncs")
                .description("(Re)connections of the listening connection, after which derived state is dropped")
                .tag("node", node)
                .register(registry);
        Gauge.builder("atrium.cluster.listening", this, c -> c.listening ? 1 : 0)
                .description("1 while this node listens for other nodes' messages")
                .tag("node", node)
                .register(registry);
        Connection first = null;
        try {
            first = open();
        } catch (SQLException e) {
            lastError = e.getMessage();
            LOG.warnf("Node %s cannot listen for other nodes yet (%s); retrying", node, e.getMessage());
        }
        Connection initial = first;
        listener = Thread.ofPlatform().daemon().name("atrium-cluster-listener").start(() -> run(initial));
        LOG.infof("Cluster node %s", node);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        listening = false;
        closeQuietly(connection);
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Sends {@code payload} under {@code topic} to every other node. Inside a transaction the notification goes out at
     * its commit (and not at all on a rollback); outside one, now. Same-node observers are not called: the caller acts
     * locally itself.
     */
    public void publish(String topic, String payload) {
        String message = node + "\n" + topic + "\n" + payload;
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a cluster message is limited to " + MAX_PAYLOAD_BYTES + " bytes");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, message);
            notify.execute();
            sent.increment();
        } catch (SQLException e) {
            throw new IllegalStateException("could not notify the other nodes: " + e.getMessage(), e);
        }
    }

    private void run(Connection initial) {
        Duration backoff = Duration.ofMillis(250);
        Connection next = initial;
        while (!stopping) {
            try {
                if (next == null) {
                    next = open();
                }
                listen(next);
            } catch (SQLException | RuntimeException e) {
                if (!stopping) {
                    lastError = e.getMessage();
                    LOG.warnf("Node %s stopped listening for other nodes: %s", node, e.getMessage());
                }
            } finally {
                listening = false;
                closeQuietly(next);
                next = null;
            }
            if (stopping) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void listen(Connection c) throws SQLException {
        connection = c;
        try (Statement statement = c.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        listening = true;
        lastError = null;
        int number;
        synchronized (this) {
            number = ++connections;
        }
        fire(() -> resyncs.fire(new ClusterResync(number)));
        resynced.increment();
        PGConnection pg = c.unwrap(PGConnection.class);
        long checkMillis = Math.max(100, checkInterval.toMillis());
        long lastCheck = System.nanoTime();
        while (!stopping) {
            PGNotification[] notifications = pg.getNotifications((int) checkMillis);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    dispatch(notification.getParameter());
                }
            }
            if (System.nanoTime() - lastCheck >= checkMillis * 1_000_000) {
                try (Statement check = c.createStatement()) {
                    check.setQueryTimeout((int) Math.max(1, checkInterval.toSeconds()));
                    check.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void dispatch(String raw) {
        int first = raw.indexOf('\n');
        int second = first < 0 ? -1 : raw.indexOf('\n', first + 1);
        if (second < 0) {
            LOG.warnf("Ignored a malformed cluster message (%d characters)", raw.length());
            return;
        }
        String from = raw.substring(0, first);
        if (from.equals(node)) {
            return;
        }
        received.increment();
        ClusterMessage message = new ClusterMessage(raw.substring(first + 1, second), raw.substring(second + 1), from);
        fire(() -> messages.fire(message));
    }

    /** An observer's failure is logged, never allowed to stop the node listening. */
    private void fire(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.error("A cluster message observer failed", e);
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", LISTENER_NAME + " " + node);
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(url, properties);
        c.setAutoCommit(true);
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken: nothing to release
            }
        }
    }
}
