package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * What an idle live connection keeps (issue 19: memory per idle connection). Thousands sit in a keynote's room, so
 * anything kept per connection for its whole life counts thousands of times: the checks count live objects in this
 * JVM's heap (a class histogram after a full collection) before and after a few connections join, and the
 * connections' response to a browser's offer of compression.
 */
@QuarkusTest
class LiveConnectionFootprintTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    Connections connections;

    private LiveSocketTest.Setup room() {
        return LiveSocketTest.room(fixtures);
    }

    /** Browsers offer permessage-deflate on every connection; accepting it cost a zlib deflater per connection. */
    @Test
    void offeredCompressionIsDeclined() throws Exception {
        LiveSocketTest.Setup s = room();
        try (RawSocket socket = new RawSocket(
                base,
                s.path(),
                Tokens.bearer("alice"),
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertFalse(
                    socket.upgradeResponse.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"),
                    socket.upgradeResponse);
            assertTrue(socket.readText().contains("\"snapshot\""));
        }
    }

    /**
     * An idle connection keeps neither its upgrade request (websockets-next kept the request's whole routing context,
     * headers, parameters and identity, while the request had a user; Vert.x kept the headers again in the socket), nor
     * a session context (an injected connection made websockets-next keep one per connection), nor the HTTP idle
     * timeout's handler and timer, which the pings make useless.
     */
    @Test
    void anIdleConnectionKeepsNoUpgradeRequestSessionContextOrIdleTimer() throws Exception {
        LiveSocketTest.Setup s = room();
        int perAccount = 6; // under atrium.live.max-connections-per-account
        List<LiveClient> clients = new ArrayList<>();
        // connections of earlier tests that are still closing would leave between the two counts
        long settle = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!connections.all().isEmpty() && System.nanoTime() < settle) {
            Thread.sleep(50);
        }
        Map<String, Long> before = liveObjects();
        try {
            for (String user : List.of("alice", "bob")) {
                for (int i = 0; i < perAccount; i++) {
                    LiveClient client = LiveClient.connect(base, s.path(), user);
                    clients.add(client);
                    assertEquals("snapshot", client.next("snapshot").get("type").asText());
                }
            }
            Map<String, Long> after = liveObjects();
            int n = clients.size();
            // the connections are there (the measure sees them)
            assertTrue(
                    grown(before, after, "io.vertx.core.http.impl.ServerWebSocketImpl") >= n,
                    "server sockets grew by " + grown(before, after, "io.vertx.core.http.impl.ServerWebSocketImpl"));
            // classes of what an idle connection used to keep, and how many per connection may remain: none, but for
            // header entries: each header list keeps a head entry, and this test's clients (in this JVM too) keep
            // their request's headers; the server's socket kept the upgrade request's seven more
            Map<String, Integer> allowed = Map.of(
                    "io.vertx.ext.web.impl.RoutingContextImpl", 0,
                    // the session context's state (its instances are kept in this form)
                    "io.quarkus.arc.impl.ComputingCacheContextInstances", 0,
                    "io.netty.handler.timeout.IdleStateHandler", 0,
                    "io.vertx.core.http.impl.headers.HeadersMultiMap$MapEntry", 3);
            allowed.forEach((kept, perConnection) -> {
                long grown = grown(before, after, kept);
                assertTrue(
                        grown <= perConnection * n + n / 2, kept + " grew by " + grown + " for " + n + " connections");
            });
        } finally {
            clients.forEach(LiveClient::close);
        }
    }

    private static long grown(Map<String, Long> before, Map<String, Long> after, String className) {
        return after.getOrDefault(className, 0L) - before.getOrDefault(className, 0L);
    }

    /** Instances per class of the live heap ({@code jcmd GC.class_histogram}, which collects first). */
    private static Map<String, Long> liveObjects() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {null},
                        new String[] {String[].class.getName()});
        Map<String, Long> counts = new HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                counts.merge(f[3], Long.parseLong(f[1]), Long::sum);
            }
        }
        return counts;
    }
}
