package org.atrium.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchedCallsTest {

    @Test
    void callersThatQueueWhileARunIsBusyShareTheNextRunAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstRunEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        List<List<Integer>> runs = new CopyOnWriteArrayList<>();
        BatchedCalls<Integer, String> calls = new BatchedCalls<>(100, keys -> {
            runs.add(List.copyOf(keys));
            if (runs.size() == 1) {
                firstRunEntered.countDown();
                await(releaseFirstRun);
            }
            return keys.stream().map(k -> "answer " + k).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            Future<String> first = pool.submit(() -> calls.call(0));
            assertTrue(firstRunEntered.await(10, TimeUnit.SECONDS));
            List<Future<String>> later = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int key = i;
                later.add(pool.submit(() -> calls.call(key)));
            }
            // the ten wait for the lock the first run holds; let it go once they have all queued
            while (calls.queued() < 10) {
                Thread.onSpinWait();
            }
            releaseFirstRun.countDown();
            assertEquals("answer 0", first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 10; i++) {
                assertEquals("answer " + i, later.get(i - 1).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(0), runs.get(0));
        assertEquals(2, runs.size(), "the ten queued callers share one run: " + runs);
        assertEquals(10, runs.get(1).size());
    }

    @Test
    void aRunTakesAtMostTheMaximumAndAFailureReachesOnlyTheCallersOfItsRun() throws Exception {
        CountDownLatch firstRunEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        List<List<Integer>> runs = new CopyOnWriteArrayList<>();
        BatchedCalls<Integer, Integer> calls = new BatchedCalls<>(3, keys -> {
            runs.add(List.copyOf(keys));
            if (runs.size() == 1) {
                firstRunEntered.countDown();
                await(releaseFirstRun);
            }
            if (keys.contains(-1)) {
                throw new IllegalStateException("the database is down");
            }
            return keys.stream().map(k -> k * 2).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<Integer> first = pool.submit(() -> calls.call(100));
            assertTrue(firstRunEntered.await(10, TimeUnit.SECONDS));
            Future<Integer> failing = pool.submit(() -> calls.call(-1));
            while (calls.queued() < 1) {
                Thread.onSpinWait();
            }
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int key = i;
                others.add(pool.submit(() -> calls.call(key)));
            }
            while (calls.queued() < 6) {
                Thread.onSpinWait();
            }
            releaseFirstRun.countDown();
            assertEquals(200, first.get(10, TimeUnit.SECONDS));
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, failing::get);
            assertEquals("the database is down", failure.getCause().getMessage());
            int failed = 0;
            for (int i = 1; i <= 5; i++) {
                try {
                    assertEquals(i * 2, others.get(i - 1).get(10, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++; // it shared the failing run
                }
            }
            // the failing key's run holds at most two others; the rest ran apart and got their answers
            assertTrue(failed <= 2, failed + " callers failed");
        } finally {
            pool.shutdownNow();
        }
        for (List<Integer> run : runs) {
            assertTrue(run.size() <= 3, "a run of " + run.size());
        }
    }

    /**
     * Submitted calls wait on nothing: their runs go to the runner, one at a time, the calls queued meanwhile share the
     * next run, and each gets its own answer, or its own run's failure, on the runner's thread.
     */
    @Test
    void submittedCallsRunOnTheRunnerTogetherAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstRunEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        List<List<Integer>> runs = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "runner"));
        BatchedCalls<Integer, String> calls = new BatchedCalls<>(
                100,
                keys -> {
                    runs.add(List.copyOf(keys));
                    threads.add(Thread.currentThread().getName());
                    if (runs.size() == 1) {
                        firstRunEntered.countDown();
                        await(releaseFirstRun);
                    }
                    if (keys.contains(-1)) {
                        throw new IllegalStateException("the database is down");
                    }
                    return keys.stream().map(k -> "answer " + k).toList();
                },
                runner);
        try {
            var first = calls.submit(0);
            assertTrue(firstRunEntered.await(10, TimeUnit.SECONDS));
            List<java.util.concurrent.CompletableFuture<String>> later = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                later.add(calls.submit(i)); // returns at once although the runner is busy
            }
            assertEquals(10, calls.queued());
            List<String> settledOn = new CopyOnWriteArrayList<>();
            later.forEach(
                    f -> f.thenRun(() -> settledOn.add(Thread.currentThread().getName())));
            releaseFirstRun.countDown();
            assertEquals("answer 0", first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 10; i++) {
                assertEquals("answer " + i, later.get(i - 1).get(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), runs);
            assertEquals(List.of("runner", "runner"), threads);
            assertEquals(java.util.Collections.nCopies(10, "runner"), settledOn);

            var failing = calls.submit(-1);
            var failure = assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertEquals("the database is down", failure.getCause().getMessage());
            assertEquals("answer 7", calls.submit(7).get(10, TimeUnit.SECONDS), "the next run is not failed");
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void aWrongNumberOfAnswersFailsTheRunInsteadOfMisattributingThem() {
        BatchedCalls<Integer, Integer> calls = new BatchedCalls<>(10, keys -> List.of());
        var failure = assertThrows(IllegalStateException.class, () -> calls.call(1));
        assertTrue(failure.getMessage().contains("got 0 answers"), failure.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
