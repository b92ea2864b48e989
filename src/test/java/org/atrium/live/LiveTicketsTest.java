package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.atrium.common.DomainException;
import org.atrium.security.EndedSignIns;
import org.junit.jupiter.api.Test;

class LiveTicketsTest {

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2027-05-12T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Redemptions kept in memory: the ticket rules here, the database's single use in LiveTicketTest. */
    static final class MemoryRedemptions implements LiveTickets.Redemptions {
        final java.util.Map<String, Instant> used = new java.util.HashMap<>();

        @Override
        public java.util.concurrent.CompletionStage<Boolean> first(byte[] id, Instant expiresAt) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    used.putIfAbsent(java.util.HexFormat.of().formatHex(id), expiresAt) == null);
        }

        @Override
        public void forgetExpired(Instant now) {
            used.values().removeIf(at -> at.isBefore(now));
        }
    }

    static TicketSeal seal() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return new TicketSeal(key);
    }

    final TestClock clock = new TestClock();
    final MemoryRedemptions redemptions = new MemoryRedemptions();
    /** Sign-ins ended by the identity provider: sessions by id, subjects with the time of their end. */
    final Set<String> endedSessions = new HashSet<>();

    final java.util.Map<String, Instant> endedSubjects = new java.util.HashMap<>();

    final EndedSignIns ended = (subject, session, issuedAt) -> (session != null && endedSessions.contains(session))
            || (endedSubjects.containsKey(subject)
                    && (issuedAt == null || !issuedAt.isAfter(endedSubjects.get(subject))));

    /** The cluster's key, as every node of the deployment shares it. */
    final TicketSeal clusterSeal = seal();

    final LiveTickets tickets = tickets(3);

    LiveTickets tickets(int cap) {
        return new LiveTickets(
                clock, Duration.ofSeconds(30), Duration.ofHours(1), cap, clusterSeal, redemptions, ended);
    }

    static LiveTickets.Grant grant(String subject, Instant tokenExpiry) {
        return new LiveTickets.Grant(
                subject,
                subject.toUpperCase(),
                Set.of("user"),
                Optional.ofNullable(tokenExpiry),
                Optional.of(subject + "-sid"),
                Optional.of(Instant.parse("2027-05-12T08:59:00Z")));
    }

    static final String ROOM = "sessions/12";

    @Test
    void aTicketIsRedeemedOnceForItsGrant() {
        LiveTickets.Grant alice = grant("alice", clock.now.plusSeconds(3600));
        LiveTickets.Issued issued = tickets.issue(alice);
        assertEquals(clock.now.plusSeconds(30), issued.expiresAt());
        assertEquals(
                Optional.of(alice),
                tickets.redeem(issued.ticket(), ROOM).toCompletableFuture().join());
        assertEquals(
                Optional.empty(),
                tickets.redeem(issued.ticket(), ROOM).toCompletableFuture().join());
        assertEquals(
                Optional.empty(),
                tickets.redeem("unknown", ROOM).toCompletableFuture().join());
        assertEquals(0, tickets.size());
    }

    @Test
    void aTicketExpiresAfterItsTimeToLiveOrWithItsToken() {
        LiveTickets.Issued issued = tickets.issue(grant("alice", null));
        clock.now = clock.now.plusSeconds(29);
        LiveTickets.Issued later = tickets.issue(grant("alice", null));
        clock.now = clock.now.plusSeconds(1);
        assertEquals(
                Optional.empty(),
                tickets.redeem(issued.ticket(), ROOM).toCompletableFuture().join(),
                "expired at exactly its expiry");
        assertTrue(tickets.redeem(later.ticket(), ROOM)
                .toCompletableFuture()
                .join()
                .isPresent());

        Instant tokenExpiry = clock.now.plusSeconds(5);
        LiveTickets.Issued shortLived = tickets.issue(grant("bob", tokenExpiry));
        assertEquals(tokenExpiry, shortLived.expiresAt());
        clock.now = tokenExpiry;
        assertEquals(
                Optional.empty(),
                tickets.redeem(shortLived.ticket(), ROOM).toCompletableFuture().join());
    }

    @Test
    void ticketsAreDistinctUrlSafeAndLongEnough() {
        Set<String> seen = new HashSet<>();
        LiveTickets roomy = tickets(1000);
        for (int i = 0; i < 1000; i++) {
            String t = roomy.issue(grant("alice", null)).ticket();
            assertTrue(t.matches("[A-Za-z0-9_-]{64,400}"), t); // a 128-bit id and a 96-bit nonce, sealed
            assertTrue(seen.add(t));
        }
    }

    @Test
    void anAccountHoldsAtMostTheCapUntilOneIsUsedOrExpires() {
        LiveTickets.Issued first = tickets.issue(grant("alice", null));
        tickets.issue(grant("alice", null));
        clock.now = clock.now.plusSeconds(10);
        tickets.issue(grant("alice", null));
        DomainException refused = assertThrows(DomainException.class, () -> tickets.issue(grant("alice", null)));
        assertEquals(429, refused.status());
        assertEquals("live.too-many-tickets", refused.code());
        assertEquals(3, refused.details().get("max"));
        tickets.issue(grant("bob", null)); // per account

        tickets.redeem(first.ticket(), ROOM).toCompletableFuture().join();
        tickets.issue(grant("alice", null));
        assertThrows(DomainException.class, () -> tickets.issue(grant("alice", null)));

        clock.now = clock.now.plusSeconds(20); // the one left from 09:00:00 expires
        tickets.issue(grant("alice", null));
        assertThrows(DomainException.class, () -> tickets.issue(grant("alice", null)));
        clock.now = clock.now.plusSeconds(10); // and the two from 09:00:10
        tickets.issue(grant("alice", null));
        tickets.issue(grant("alice", null));
        assertThrows(DomainException.class, () -> tickets.issue(grant("alice", null)));
    }

    @Test
    void theSweepDropsExpiredTickets() {
        tickets.issue(grant("alice", null));
        tickets.issue(grant("bob", null));
        clock.now = clock.now.plusSeconds(20);
        LiveTickets.Issued fresh = tickets.issue(grant("carol", null));
        tickets.sweep();
        assertEquals(3, tickets.size());
        clock.now = clock.now.plusSeconds(10);
        tickets.sweep();
        assertEquals(1, tickets.size());
        assertTrue(tickets.redeem(fresh.ticket(), ROOM)
                .toCompletableFuture()
                .join()
                .isPresent());
        assertEquals(0, tickets.size());
        assertEquals(1, redemptions.used.size());
        clock.now = clock.now.plusSeconds(30);
        tickets.sweep();
        assertEquals(0, redemptions.used.size(), "redemptions are forgotten once the ticket would have expired");
    }

    @Test
    void aResumeTicketOpensItsOwnRoomOnceUntilTheTokenExpires() {
        LiveTickets.Grant alice = grant("alice", clock.now.plusSeconds(600));
        LiveTickets.Issued resume = tickets.resume(alice, ROOM);
        assertEquals(clock.now.plusSeconds(600), resume.expiresAt(), "as long as the token behind the connection");
        assertEquals(0, tickets.size(), "not counted against the cap of minted tickets");

        assertEquals(
                Optional.empty(),
                tickets.redeem(resume.ticket(), "sessions/13")
                        .toCompletableFuture()
                        .join(),
                "another room");
        assertEquals(
                Optional.empty(),
                tickets.redeem(resume.ticket(), "events/lisbon")
                        .toCompletableFuture()
                        .join(),
                "another kind of room");
        assertEquals(
                Optional.of(alice),
                tickets.redeem(resume.ticket(), ROOM).toCompletableFuture().join(),
                "not used up by the refusals");
        assertEquals(
                Optional.empty(),
                tickets.redeem(resume.ticket(), ROOM).toCompletableFuture().join(),
                "once");

        LiveTickets.Issued capped = tickets.resume(grant("bob", null), ROOM);
        assertEquals(clock.now.plus(Duration.ofHours(1)), capped.expiresAt(), "a token without expiry: the cap");
        LiveTickets.Issued late = tickets.resume(alice, ROOM);
        clock.now = clock.now.plusSeconds(600);
        assertEquals(
                Optional.empty(),
                tickets.redeem(late.ticket(), ROOM).toCompletableFuture().join(),
                "the token has expired");
    }

    @Test
    void aTicketOfAnEndedSignInIsRefused() {
        LiveTickets.Issued minted = tickets.issue(grant("alice", null));
        LiveTickets.Issued resume = tickets.resume(grant("alice", null), ROOM);
        LiveTickets.Issued otherDevice = tickets.resume(
                new LiveTickets.Grant(
                        "alice",
                        "ALICE",
                        Set.of("user"),
                        Optional.empty(),
                        Optional.of("phone-sid"),
                        Optional.of(clock.now)),
                ROOM);
        LiveTickets.Issued bob = tickets.resume(grant("bob", null), ROOM);
        endedSessions.add("alice-sid");
        assertEquals(
                Optional.empty(),
                tickets.redeem(minted.ticket(), ROOM).toCompletableFuture().join());
        assertEquals(
                Optional.empty(),
                tickets.redeem(resume.ticket(), ROOM).toCompletableFuture().join());
        assertTrue(
                tickets.redeem(otherDevice.ticket(), ROOM)
                        .toCompletableFuture()
                        .join()
                        .isPresent(),
                "the account's other sign-in goes on");
        assertTrue(
                tickets.redeem(bob.ticket(), ROOM).toCompletableFuture().join().isPresent());

        LiveTickets.Issued before = tickets.resume(grant("carol", null), ROOM); // token issued 08:59
        endedSubjects.put("carol", clock.now); // a logout naming only the subject: its tokens issued until now
        LiveTickets.Grant newSignIn = new LiveTickets.Grant(
                "carol",
                "CAROL",
                Set.of("user"),
                Optional.empty(),
                Optional.of("new-sid"),
                Optional.of(clock.now.plusSeconds(1)));
        LiveTickets.Issued after = tickets.resume(newSignIn, ROOM);
        assertEquals(
                Optional.empty(),
                tickets.redeem(before.ticket(), ROOM).toCompletableFuture().join());
        assertEquals(
                Optional.of(newSignIn),
                tickets.redeem(after.ticket(), ROOM).toCompletableFuture().join(),
                "its session, issue time carried");
    }

    /**
     * A ticket sealed with the cluster's key in another layout (a node of an earlier or later version, in a rolling
     * upgrade) is refused like an unknown one, not failed with an error.
     */
    @Test
    void aTicketOfAnotherLayoutIsRefused() {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String shorter = base64.encodeToString(clusterSeal.seal(new byte[40]));
        assertEquals(
                Optional.empty(),
                tickets.redeem(shorter, ROOM).toCompletableFuture().join());

        String ticket = tickets.issue(grant("alice", null)).ticket();
        byte[] contents = clusterSeal
                .open(java.util.Base64.getUrlDecoder().decode(ticket))
                .orElseThrow();
        String longer = base64.encodeToString(clusterSeal.seal(java.util.Arrays.copyOf(contents, contents.length + 8)));
        assertEquals(
                Optional.empty(),
                tickets.redeem(longer, ROOM).toCompletableFuture().join());
        assertTrue(
                tickets.redeem(ticket, ROOM).toCompletableFuture().join().isPresent(),
                "this layout is read (and the refusals did not use its id up)");
    }
}
