package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Rate windows on a clock the test moves (no sleeps): expiry bounds memory without changing any verdict. */
class RateLimitsTest {

    private Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    private void advance(Duration d) {
        clock = Clock.offset(clock, d);
    }

    @Test
    void endedWindowsAreForgottenAndOnlyThey() {
        RateLimits limits = new RateLimits();
        for (int i = 0; i < 1000; i++) {
            assertTrue(limits.tryAcquire("account-" + i, "question", 2, clock.millis()));
        }
        assertEquals(1000, limits.size());

        advance(Duration.ofSeconds(30));
        assertTrue(limits.tryAcquire("late", "question", 2, clock.millis()));
        limits.expire(clock.millis());
        assertEquals(1001, limits.size(), "windows still running are kept");

        advance(Duration.ofSeconds(30).minusMillis(1));
        limits.expire(clock.millis());
        assertEquals(1001, limits.size(), "a window lasts a full minute");

        advance(Duration.ofMillis(1));
        limits.expire(clock.millis());
        assertEquals(1, limits.size(), "the 1000 idle accounts' windows ended and are gone; the late one stays");

        advance(Duration.ofSeconds(30));
        limits.expire(clock.millis());
        assertEquals(0, limits.size());
    }

    @Test
    void aWindowStillRunningKeepsItsCountThroughASweep() {
        RateLimits limits = new RateLimits();
        assertTrue(limits.tryAcquire("alice", "chat", 2, clock.millis()));
        assertTrue(limits.tryAcquire("alice", "chat", 2, clock.millis()));
        assertFalse(limits.tryAcquire("alice", "chat", 2, clock.millis()));
        assertTrue(limits.tryAcquire("alice", "vote", 1, clock.millis()), "kinds are counted apart");

        advance(Duration.ofSeconds(59));
        limits.expire(clock.millis());
        assertFalse(limits.tryAcquire("alice", "chat", 2, clock.millis()), "the sweep did not reset a running window");

        advance(Duration.ofSeconds(1));
        limits.expire(clock.millis());
        assertEquals(0, limits.size());
        assertTrue(limits.tryAcquire("alice", "chat", 2, clock.millis()), "a new minute, a new allowance");
    }
}
