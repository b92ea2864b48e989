package org.atrium.bench;

/**
 * End-to-end latencies in microseconds: exact to 1 µs below 100 ms, 1 ms buckets up to 60 s, clamped above. Written by
 * one thread; several are merged for reporting.
 */
final class LatencyHistogram {

    private static final int FINE_LIMIT = 100_000;
    private static final int COARSE_STEP = 1000;
    private static final int COARSE_BUCKETS = 60_000;

    private final long[] fine = new long[FINE_LIMIT];
    private final long[] coarse = new long[COARSE_BUCKETS];
    private long count;
    private long max;

    void record(long micros) {
        long value = Math.max(0, micros);
        if (value < FINE_LIMIT) {
            fine[(int) value]++;
        } else {
            coarse[(int) Math.min(COARSE_BUCKETS - 1, (value - FINE_LIMIT) / COARSE_STEP)]++;
        }
        count++;
        max = Math.max(max, value);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < FINE_LIMIT; i++) {
            fine[i] += other.fine[i];
        }
        for (int i = 0; i < COARSE_BUCKETS; i++) {
            coarse[i] += other.coarse[i];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    void reset() {
        java.util.Arrays.fill(fine, 0);
        java.util.Arrays.fill(coarse, 0);
        count = 0;
        max = 0;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    /** The value at the given quantile (0..1), in microseconds; 0 when empty. */
    long quantile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < FINE_LIMIT; i++) {
            seen += fine[i];
            if (seen >= rank) {
                return i;
            }
        }
        for (int i = 0; i < COARSE_BUCKETS; i++) {
            seen += coarse[i];
            if (seen >= rank) {
                return Math.min(max, FINE_LIMIT + (long) (i + 1) * COARSE_STEP);
            }
        }
        return max;
    }
}
