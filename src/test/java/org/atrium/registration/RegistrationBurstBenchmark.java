package org.atrium.registration;

import static org.atrium.registration.RegistrationApi.capacity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.atrium.event.Event;
import org.atrium.registration.Burst.Answer;
import org.atrium.registration.Registration.State;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: skipped by the normal build, run with {@code ./mvnw -B verify -Pbenchmark} (see
 * src/docs/benchmarks.md). Fires bursts of concurrent registrations over real HTTP for a limited number of places
 * and prints registrations per second and latency percentiles; it then checks the invariants on the database and
 * fails only if they are broken (never on speed). Parameters: {@code -Dbench.registrations=600},
 * {@code -Dbench.capacity=100}, {@code -Dbench.threads=100}, {@code -Dbench.rounds=5} (after one warm-up round).
 */
@QuarkusTest
@Tag("benchmark")
class RegistrationBurstBenchmark {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    RegistrationRows rows;

    @Test
    void burst() throws Exception {
        int registrations = Integer.getInteger("bench.registrations", 600);
        int places = Integer.getInteger("bench.capacity", 100);
        int threads = Integer.getInteger("bench.threads", 100);
        int rounds = Integer.getInteger("bench.rounds", 5);
        System.out.printf(
                "%nregistration burst: %d registrations for %d places from %d client threads, %d rounds + warm-up,"
                        + " %d cores%n",
                registrations, places, threads, rounds, Runtime.getRuntime().availableProcessors());
        List<double[]> results = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Event event = fixtures.publishedEvent();
            capacity(event.slug, places, "AUTOMATIC");
            String prefix = "b" + round + "-";
            List<String> users = IntStream.rangeClosed(1, registrations)
                    .mapToObj(i -> prefix + i)
                    .toList();
            Burst.tokens(users, 8);

            long start = System.nanoTime();
            List<Answer> answers = Burst.fire(
                    base, users.stream().map(u -> Burst.register(event.slug, u)).toList(), threads);
            double seconds = (System.nanoTime() - start) / 1e9;

            Map<Integer, Long> statuses = answers.stream()
                    .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
            long[] ms = answers.stream()
                    .mapToLong(a -> a.nanos() / 1_000_000)
                    .sorted()
                    .toArray();
            List<RegistrationRows.Row> all = rows.of(event.id);
            List<String> violations = Invariants.violations(all, places);
            long confirmed =
                    all.stream().filter(r -> r.state() == State.CONFIRMED).count();
            long waitlisted =
                    all.stream().filter(r -> r.state() == State.WAITLISTED).count();
            System.out.printf(
                    "%s: %5.2f s, %6.1f registrations/s, latency ms p50 %d p90 %d p99 %d max %d; statuses %s;"
                            + " confirmed %d, waitlisted %d, rows %d; invariants %s%n",
                    round == 0 ? "warm-up" : "round " + round,
                    seconds,
                    registrations / seconds,
                    percentile(ms, 50),
                    percentile(ms, 90),
                    percentile(ms, 99),
                    ms[ms.length - 1],
                    statuses,
                    confirmed,
                    waitlisted,
                    all.size(),
                    violations.isEmpty() ? "hold" : violations);
            assertEquals(List.of(), violations);
            assertEquals(Map.of(201, (long) registrations), statuses);
            assertEquals(Math.min(places, registrations), confirmed);
            assertEquals(registrations - Math.min(places, registrations), waitlisted);
            if (round > 0) {
                results.add(new double[] {registrations / seconds, percentile(ms, 50), percentile(ms, 99)});
            }
        }
        double[] rates = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
        System.out.printf(
                "summary over %d rounds: registrations/s median %.1f (min %.1f, max %.1f); p50 ms median %d;"
                        + " p99 ms median %d%n%n",
                rounds,
                rates[rates.length / 2],
                rates[0],
                rates[rates.length - 1],
                (long) median(results.stream().mapToDouble(r -> r[1]).toArray()),
                (long) median(results.stream().mapToDouble(r -> r[2]).toArray()));
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
