package org.atrium.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixed one-minute windows of accepted commands per account and kind (ask, vote, chat, moderation). */
final class RateLimits {

    private static final long WINDOW_MILLIS = 60_000;

    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    /** Counts one command; false when the account has used up its allowance for the current minute. */
    boolean tryAcquire(String subject, String kind, int perMinute, long nowMillis) {
        long[] w = windows.computeIfAbsent(subject + '\u0000' + kind, k -> new long[2]);
        synchronized (w) {
            if (nowMillis - w[0] >= WINDOW_MILLIS) {
                w[0] = nowMillis;
                w[1] = 0;
            }
            if (w[1] >= perMinute) {
                return false;
            }
            w[1]++;
            return true;
        }
    }

    void forget(String subject) {
        windows.keySet().removeIf(k -> k.startsWith(subject + '\u0000'));
    }
}
