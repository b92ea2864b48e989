package org.atrium.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed one-minute windows of accepted commands per account and kind (ask, vote, chat, moderation). A window that has
 * ended is dropped by {@link #expire} (the hub's once-a-second sweep): the next command would start a fresh one
 * anyway, so expiry changes no verdict, and memory stays bounded by the accounts active in the last minute instead of
 * every account that ever sent a command in the room.
 */
final class RateLimits {

    static final long WINDOW_MILLIS = 60_000;

    /** Replaced, never reset in place, so {@link #expire} can remove exactly the window it judged ended. */
    private static final class Window {
        final long start;
        int used;

        Window(long start) {
            this.start = start;
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one command; false when the account has used up its allowance for the current minute. */
    boolean tryAcquire(String subject, String kind, int perMinute, long nowMillis) {
        boolean[] accepted = {false};
        windows.compute(subject + '\u0000' + kind, (k, w) -> {
            Window window = w == null || nowMillis - w.start >= WINDOW_MILLIS ? new Window(nowMillis) : w;
            if (window.used < perMinute) {
                window.used++;
                accepted[0] = true;
            }
            return window;
        });
        return accepted[0];
    }

    /** Drops the windows that ended by {@code nowMillis}. */
    void expire(long nowMillis) {
        windows.values().removeIf(w -> nowMillis - w.start >= WINDOW_MILLIS);
    }

    /** Windows held (for tests and the metric's sake: it is what expiry bounds). */
    int size() {
        return windows.size();
    }
}
