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
        public boolean first(byte[] id, Instant expiresAt) {
            return used.putIfAbsent(java.util.HexFormat.of().formatHex(id), expiresAt) == null;
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
    final LiveTickets tickets = new LiveTickets(clock, Duration.ofSeconds(30), 3, seal(), redemptions);

    static LiveTickets.Grant grant(String subject, Instant tokenExpiry) {
        return new LiveTickets.Grant(subject, subject.toUpperCase(), Set.of("user"), Optional.ofNullable(tokenExpiry));
    }

    @Test
    void aTicketIsRedeemedOnceForItsGrant() {
        LiveTickets.Grant alice = grant("alice", clock.now.plusSeconds(3600));
        LiveTickets.Issued issued = tickets.issue(alice);
        assertEquals(clock.now.plusSeconds(30), issued.expiresAt());
        assertEquals(Optional.of(alice), tickets.redeem(issued.ticket()));
        assertEquals(Optional.empty(), tickets.redeem(issued.ticket()));
        assertEquals(Optional.empty(), tickets.redeem("unknown"));
        assertEquals(0, tickets.size());
    }

    @Test
    void aTicketExpiresAfterItsTimeToLiveOrWithItsToken() {
        LiveTickets.Issued issued = tickets.issue(grant("alice", null));
        clock.now = clock.now.plusSeconds(29);
        LiveTickets.Issued later = tickets.issue(grant("alice", null));
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Optional.empty(), tickets.redeem(issued.ticket()), "expired at exactly its expiry");
        assertTrue(tickets.redeem(later.ticket()).isPresent());

        Instant tokenExpiry = clock.now.plusSeconds(5);
        LiveTickets.Issued shortLived = tickets.issue(grant("bob", tokenExpiry));
        assertEquals(tokenExpiry, shortLived.expiresAt());
        clock.now = tokenExpiry;
        assertEquals(Optional.empty(), tickets.redeem(shortLived.ticket()));
    }

    @Test
    void ticketsAreDistinctUrlSafeAndLongEnough() {
        Set<String> seen = new HashSet<>();
        LiveTickets roomy = new LiveTickets(clock, Duration.ofSeconds(30), 1000, seal(), redemptions);
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

        tickets.redeem(first.ticket());
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
        assertTrue(tickets.redeem(fresh.ticket()).isPresent());
        assertEquals(0, tickets.size());
        assertEquals(1, redemptions.used.size());
        clock.now = clock.now.plusSeconds(30);
        tickets.sweep();
        assertEquals(0, redemptions.used.size(), "redemptions are forgotten once the ticket would have expired");
    }
}
