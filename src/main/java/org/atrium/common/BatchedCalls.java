package org.atrium.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>{@link #submit} asks without waiting: the runs go to the executor given, one at a time, so callers on an event loop
 * take no worker thread each. In a join storm that is the difference between a few threads and a worker pool grown to
 * its maximum, every thread of which stays (its stack, its allocation buffers) after the storm.
 *
 * @param <K> what one caller asks
 * @param <V> its answer
 */
public final class BatchedCalls<K, V> {

    private static final class Pending<K, V> {
        final K key;
        /** Completed by the run that took it: under {@link #running} for a blocking caller's run, after it for the runner's. */
        final CompletableFuture<V> answer = new CompletableFuture<>();
        /** Set under {@link #running} when a run takes it. */
        volatile boolean taken;

        Pending(K key) {
            this.key = key;
        }
    }

    private final ConcurrentLinkedQueue<Pending<K, V>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock running = new ReentrantLock();
    /** Whether a run for {@link #submit}'s callers is on the executor or about to be. */
    private final AtomicBoolean draining = new AtomicBoolean();

    private final int maxBatch;
    private final Function<List<K>, List<V>> run;
    private final Executor runner;

    /**
     * @param maxBatch at most this many keys per run; the rest wait for the next one
     * @param run answers a batch of keys: one answer per key, in their order (a key may appear twice in a batch)
     * @param runner where the runs of {@link #submit} go (a blocking caller runs them itself)
     */
    public BatchedCalls(int maxBatch, Function<List<K>, List<V>> run, Executor runner) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.run = run;
        this.runner = runner;
    }

    /** Blocking callers only: {@link #submit} is refused. */
    public BatchedCalls(int maxBatch, Function<List<K>, List<V>> run) {
        this(maxBatch, run, task -> {
            throw new UnsupportedOperationException("these calls are blocking only");
        });
    }

    /**
     * The answer for {@code key}, from a run of it with whatever else was queued, completed on the runner (or by a
     * blocking caller that ran it); completed exceptionally with the run's failure.
     */
    public CompletableFuture<V> submit(K key) {
        Pending<K, V> mine = new Pending<>(key);
        queue.add(mine);
        if (draining.compareAndSet(false, true)) {
            try {
                runner.execute(this::drain);
            } catch (RuntimeException e) {
                draining.set(false);
                queue.remove(mine);
                mine.answer.completeExceptionally(e);
            }
        }
        return mine.answer;
    }

    /** On the runner: runs until nothing is queued, then lets the next {@link #submit} schedule it again. */
    private void drain() {
        do {
            while (!queue.isEmpty()) {
                Runnable settle;
                running.lock();
                try {
                    settle = runQueued();
                } finally {
                    running.unlock();
                }
                settle.run(); // the callers' continuations run here, not under the lock
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    /**
     * The answer for {@code key}, from a run of it with whatever else was queued. Blocking: it runs what is queued itself
     * until a run has taken its key, then waits for that run's answer (without spinning: the runner's run may settle
     * its callers a moment after it lets the lock go).
     */
    public V call(K key) {
        Pending<K, V> mine = new Pending<>(key);
        queue.add(mine);
        while (!mine.taken) {
            running.lock();
            try {
                if (!mine.taken) {
                    runQueued().run();
                }
            } finally {
                running.unlock();
            }
        }
        try {
            return mine.answer.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Calls queued and not yet taken by a run (for tests and metrics). */
    int queued() {
        return queue.size();
    }

    /**
     * Under {@link #running}: runs what is queued (up to {@link #maxBatch}); returns what gives each caller its answer
     * (a blocking caller runs it at once, the runner after letting the lock go). A caller whose run was taken by
     * another and is not settled yet finds an empty queue and asks again.
     */
    private Runnable runQueued() {
        List<Pending<K, V>> batch = new ArrayList<>();
        for (Pending<K, V> p; batch.size() < maxBatch && (p = queue.poll()) != null; ) {
            p.taken = true;
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return () -> {};
        }
        List<K> keys = new ArrayList<>(batch.size());
        batch.forEach(p -> keys.add(p.key));
        List<V> values;
        try {
            values = run.apply(keys);
            if (values.size() != keys.size()) {
                throw new IllegalStateException(
                        "a batch of " + keys.size() + " calls got " + values.size() + " answers");
            }
        } catch (RuntimeException e) {
            return () -> batch.forEach(p -> p.answer.completeExceptionally(e));
        }
        return () -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer.complete(values.get(i));
            }
        };
    }
}
