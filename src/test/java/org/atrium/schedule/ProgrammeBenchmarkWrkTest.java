package org.atrium.schedule;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The benchmark's reading of wrk's output: figures from a failed or erroring run must not pass as results. */
class ProgrammeBenchmarkWrkTest {

    static final String GOOD = """
            Running 10s test @ http://localhost:8081/api/events/x/schedule
              2 threads and 32 connections
            Requests/sec:    567.12
            Transfer/sec:     70.81MB
            """;

    @Test
    void aCleanRunPasses() {
        assertDoesNotThrow(() -> ProgrammeBenchmark.checkWrk("run", 0, GOOD));
        assertDoesNotThrow(() -> ProgrammeBenchmark.checkWrk(
                "run", 0, GOOD + "  Socket errors: connect 0, read 0, write 0, timeout 3\n"));
    }

    @Test
    void aNonZeroExitFails() {
        assertThrows(AssertionError.class, () -> ProgrammeBenchmark.checkWrk("run", 1, "invalid URL: x\n"));
    }

    @Test
    void errorAnswersOrSocketErrorsFail() {
        assertThrows(
                AssertionError.class,
                () -> ProgrammeBenchmark.checkWrk("run", 0, GOOD + "  Non-2xx or 3xx responses: 5670\n"));
        assertThrows(
                AssertionError.class,
                () -> ProgrammeBenchmark.checkWrk(
                        "run", 0, GOOD + "  Socket errors: connect 32, read 0, write 0, timeout 0\n"));
    }
}
