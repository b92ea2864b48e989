package org.atrium.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.LocalIssuer;
import org.atrium.support.OtherNode;
import org.atrium.support.SignedTokens;
import org.atrium.support.SignedTokens.Claims;
import org.junit.jupiter.api.Test;

/**
 * The cluster channel against the real PostgreSQL: this test plays the other node, listening and notifying on the same
 * channel with its own connection, and cutting the node's listening connection the way a network or a database
 * restart would (terminating its backend).
 */
@QuarkusTest
@TestProfile(LocalIssuer.class)
class ClusterChannelTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    ClusterChannel channel;

    @Inject
    PublicRenderings renderings;

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Test
    void aCommittedChangeNotifiesTheOtherNodesAndARolledBackOneDoesNot() throws Exception {
        Event event = fixtures.publishedEvent();
        Venue venue = fixtures.room(event, "Hall A", 10);
        try (OtherNode other = OtherNode.connect()) {
            other.listen();
            QuarkusTransaction.requiringNew().run(() -> em.find(Venue.class, venue.id).name = "Hall B");
            List<String> received = drainUntilMarker(other);
            assertTrue(
                    received.contains(channel.node() + "\nrenderings\n"),
                    "the commit's notification, from this node: " + received);

            assertThrows(
                    IllegalStateException.class,
                    () -> QuarkusTransaction.requiringNew().run(() -> {
                        em.find(Venue.class, venue.id).name = "Hall C";
                        em.flush();
                        throw new IllegalStateException("rolled back after the flush");
                    }));
            assertEquals(List.of(), drainUntilMarker(other), "a rolled-back change tells nobody");
        }
    }

    @Test
    void anotherNodesChangeDropsTheRenderingsKeptHere() throws Exception {
        Event event = fixtures.publishedEvent();
        given().get("/api/events/" + event.slug + "/schedule").then().statusCode(200);
        assertTrue(renderings.kept() > 0);
        try (OtherNode other = OtherNode.connect()) {
            other.notifyAs("other-node:1", "renderings", "");
        }
        await(() -> renderings.kept() == 0, "the kept renderings are dropped");
    }

    @Test
    void aCutListeningConnectionIsReopenedAndWhatItMayHaveMissedIsDropped() throws Exception {
        Event event = fixtures.publishedEvent();
        double resyncs = resyncs();
        assertTrue(channel.listening());
        given().get("/api/events/" + event.slug + "/schedule").then().statusCode(200);
        assertTrue(renderings.kept() > 0);
        try (OtherNode other = OtherNode.connect()) {
            // another node's change committed while this one does not listen would be lost: so whatever this node
            // kept before the cut must not outlive the reconnection
            int cut = terminateListener(other);
            assertEquals(1, cut, "one listening connection of this node");
            await(() -> resyncs() > resyncs && channel.listening(), "the node listens again");
            assertEquals(0, renderings.kept());
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/api/events/" + event.slug + "/schedule").then().statusCode(200);
            assertTrue(renderings.kept() > 0);
            other.notifyAs("other-node:1", "renderings", "");
            await(() -> renderings.kept() == 0, "messages arrive on the new connection");
        }
    }

    @Test
    void aSignOutReceivedByAnotherNodeIsRefusedHereAndAfterAReconnection() throws Exception {
        Claims ama = new Claims(UUID.randomUUID().toString(), "Ama Owusu", "ama", "ama@example.org", Set.of("user"));
        String laptopSession = "laptop-" + UUID.randomUUID();
        String phoneSession = "phone-" + UUID.randomUUID();
        String laptop = SignedTokens.bearer(ama, laptopSession);
        String phone = SignedTokens.bearer(ama, phoneSession);
        assertEquals(200, me(laptop));
        assertEquals(200, me(phone));
        try (OtherNode other = OtherNode.connect()) {
            other.notifyAs("other-node:1", "signed-out", ama.subject() + "\n" + laptopSession);
            await(() -> me(laptop) == 401, "the laptop's session is refused here");
            assertEquals(200, me(phone), "the other session goes on");

            // stored by another node while this one was not listening: read back after the reconnection
            double resyncs = resyncs();
            try (PreparedStatement stored = other.jdbc()
                    .prepareStatement(
                            "insert into signed_out_session (subject, session_id, ended_at) values (?, ?, now())")) {
                stored.setString(1, ama.subject());
                stored.setString(2, phoneSession);
                stored.executeUpdate();
            }
            assertEquals(200, me(phone), "not heard of yet: nothing was notified");
            terminateListener(other);
            await(() -> resyncs() > resyncs, "the node listens again");
            await(() -> me(phone) == 401, "the stored sign-out is refused after the reconnection");
        }
    }

    @Test
    void aSignOutReceivedHereIsStoredAndAnnouncedToTheOtherNodes() throws Exception {
        Claims ama = new Claims(UUID.randomUUID().toString(), "Ama Owusu", "ama", "ama@example.org", Set.of("user"));
        String session = "tablet-" + UUID.randomUUID();
        try (OtherNode other = OtherNode.connect()) {
            other.listen();
            assertEquals(
                    200,
                    given().formParam("logout_token", SignedTokens.logoutToken(ama.subject(), session))
                            .post("/api/auth/backchannel-logout")
                            .statusCode());
            List<String> received = new ArrayList<>();
            await(
                    () -> {
                        received.addAll(other.poll());
                        return received.contains(channel.node() + "\nsigned-out\n" + ama.subject() + "\n" + session);
                    },
                    "the other nodes are told");
            try (Statement s = other.jdbc().createStatement();
                    var rows = s.executeQuery(
                            "select count(*) from signed_out_session where session_id = '" + session + "'")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "stored once, for nodes that start later");
            }
        }
    }

    @Test
    void aMessageLargerThanANotificationIsRefusedBeforeTheDatabase() {
        assertThrows(
                IllegalArgumentException.class,
                () -> channel.publish("renderings", "x".repeat(ClusterChannel.MAX_PAYLOAD_BYTES)));
        assertFalse(channel.node().isBlank());
    }

    private double resyncs() {
        return registry.get("atrium.cluster.resyncs").counter().count();
    }

    private static int me(String token) {
        return given().header("Authorization", token).get("/api/me").statusCode();
    }

    /** Terminates this node's listening connection(s), as a network cut or a database restart would. */
    private static int terminateListener(OtherNode other) throws Exception {
        try (Statement s = other.jdbc().createStatement();
                var rows = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where application_name like 'atrium-cluster-listener %'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Every notification on the channel up to a marker sent now by {@code c} itself: PostgreSQL delivers the
     * notifications of one listener in commit order, so all that committed before the marker are in the list.
     */
    private static List<String> drainUntilMarker(OtherNode c) throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        c.notifyAs(marker, "marker", "");
        List<String> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            for (String n : c.poll()) {
                if (n.startsWith(marker + "\n")) {
                    return out;
                }
                out.add(n);
            }
        }
        throw new AssertionError("the marker never arrived; got " + out);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
