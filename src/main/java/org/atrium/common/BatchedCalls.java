package org.atrium.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Blocking calls that arrive together run together: one caller at a time runs everything queued so far (up to a
 * maximum) in one go, typically one database statement, while the callers that queued meanwhile wait for the next run
 * or find theirs done. A join storm's thousands of one-row statements become a few dozen statements of hundreds of
 * rows, each with one round trip and, for a write, one commit.
 *
 * <p>Each caller returns only once the run that included its key has finished, with that run's answer for it, or
 * throws that run's failure; a run that fails fails every caller in it, and no other. A lone caller runs alone at
 * once: nothing waits for a batch to fill.
 *
 * @param <K> what one caller asks
 * @param <V> its answer
 */
public final class BatchedCalls<K, V> {

    private static final class Pending<K, V> {
        final K key;
        /** Set under {@link #running}, read after it. */
        boolean done;

        V value;
        RuntimeException failure;

        Pending(K key) {
            this.key = key;
        }
    }

    private final ConcurrentLinkedQueue<Pending<K, V>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock running = new ReentrantLock();
    private final int maxBatch;
    private final Function<List<K>, List<V>> run;

    /**
     * @param maxBatch at most this many keys per run; the rest wait for the next one
     * @param run answers a batch of keys: one answer per key, in their order (a key may appear twice in a batch)
     */
    public BatchedCalls(int maxBatch, Function<List<K>, List<V>> run) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.run = run;
    }

    /** The answer for {@code key}, from a run of it with whatever else was queued. Blocking. */
    public V call(K key) {
        Pending<K, V> mine = new Pending<>(key);
        queue.add(mine);
        while (true) {
            running.lock();
            try {
                if (!mine.done) {
                    runQueued();
                }
                if (mine.done) {
                    if (mine.failure != null) {
                        throw mine.failure;
                    }
                    return mine.value;
                }
            } finally {
                running.unlock();
            }
        }
    }

    /** Calls queued and not yet taken by a run (for tests and metrics). */
    int queued() {
        return queue.size();
    }

    /** Under {@link #running}: runs what is queued (up to {@link #maxBatch}) and gives each caller its answer. */
    private void runQueued() {
        List<Pending<K, V>> batch = new ArrayList<>();
        for (Pending<K, V> p; batch.size() < maxBatch && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<K> keys = new ArrayList<>(batch.size());
        batch.forEach(p -> keys.add(p.key));
        try {
            List<V> values = run.apply(keys);
            if (values.size() != keys.size()) {
                throw new IllegalStateException(
                        "a batch of " + keys.size() + " calls got " + values.size() + " answers");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).value = values.get(i);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.failure = e);
        } finally {
            batch.forEach(p -> p.done = true);
        }
    }
}
