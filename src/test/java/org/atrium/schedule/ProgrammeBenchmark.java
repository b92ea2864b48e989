package org.atrium.schedule;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of {@code GET /schedule} for a 300-session event, next to the same bytes as a static file from the same
 * server (first and last, so drift in the box's load shows), and of the viewer-zone programme and schedule.xml,
 * measured with wrk; ends with a table of requests/s, p50 and p99. A benchmark, not a test: the normal build skips it; {@code ./mvnw -B verify -Pbenchmark}
 * runs it with the other benchmarks, {@code ./mvnw -B verify -Pbenchmark -Dtest=ProgrammeBenchmark} alone (needs
 * {@code wrk} on the PATH; {@code -Dbench.seconds=10 -Dbench.connections=32}). It prints figures and asserts nothing
 * about speed, but fails when wrk fails or gets answers other than the expected 200 or 304 (figures for errors would
 * be worthless).
 */
@QuarkusTest
@Tag("benchmark")
class ProgrammeBenchmark {

    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+)");

    @Inject
    Fixtures fixtures;

    @Test
    void programmeOf300Sessions() throws Exception {
        Event event = ProgrammeResourceTest.bigEvent(fixtures);
        String url = "http://localhost:" + RestAssured.port + "/api/events/" + event.slug + "/schedule";
        var response = given().get(url).then().statusCode(200).extract();
        byte[] body = response.asByteArray();
        String etag = response.header("ETag");
        Files.createDirectories(BenchStaticFiles.DIR);
        Files.write(BenchStaticFiles.DIR.resolve("programme.json"), body);
        String staticUrl = "http://localhost:" + RestAssured.port + "/bench-static/programme.json";
        given().get(staticUrl).then().statusCode(200);

        int seconds = Integer.getInteger("bench.seconds", 10);
        int connections = Integer.getInteger("bench.connections", 32);
        String base = "http://localhost:" + RestAssured.port + "/api/events/" + event.slug;
        String zoneUrl = base + "/programme?tz=America/New_York";
        String xmlUrl = base + "/schedule.xml";
        given().get(zoneUrl).then().statusCode(200);
        given().get(xmlUrl).then().statusCode(200);
        System.out.printf("%nprogramme: %d sessions, %d bytes (uncompressed), ETag %s%n", 300, body.length, etag);
        List<String> rows = new ArrayList<>();
        rows.add(wrk("static file, same bytes", seconds, connections, staticUrl));
        rows.add(wrk("schedule 200 (full body)", seconds, connections, url));
        rows.add(wrk("schedule 304 (If-None-Match)", seconds, connections, url, "-H", "If-None-Match: " + etag));
        rows.add(wrk("programme?tz=America/New_York", seconds, connections, zoneUrl));
        rows.add(wrk("schedule.xml", seconds, connections, xmlUrl));
        rows.add(wrk("static file, same bytes (again)", seconds, connections, staticUrl));
        System.out.println("\n| read | requests/s | p50 | p99 |\n| --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+(\\S+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+(\\S+)");

    /** One row of the summary table: label, requests/s, p50, p99 as wrk printed them. */
    static String row(String label, String out) {
        return "| " + label + " | " + find(RATE, out) + " | " + find(P50, out) + " | " + find(P99, out) + " |";
    }

    private static String find(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        return m.find() ? m.group(1) : "?";
    }

    private static String wrk(String label, int seconds, int connections, String url, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "-H",
                "Accept-Encoding: identity"));
        command.addAll(List.of(extra));
        command.add(url);
        Process wrk;
        try {
            wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notFound) {
            throw new AssertionError(
                    "wrk is not on the PATH (Debian: apt-get install wrk); -Dtest=RegistrationBurstBenchmark runs the"
                            + " other benchmark alone",
                    notFound);
        }
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = wrk.waitFor();
        System.out.println("=== " + label + ": " + String.join(" ", command));
        System.out.println(out);
        checkWrk(label, exit, out);
        return row(label, out);
    }

    /**
     * A run whose figures mean something: wrk exited with 0, counted no answers other than 2xx/3xx and could connect,
     * read and write (wrk reports those only as text and still exits 0; timeouts are left to the printed figures).
     */
    static void checkWrk(String label, int exit, String output) {
        if (exit != 0) {
            throw new AssertionError(label + ": wrk exited with " + exit + ":\n" + output);
        }
        if (output.contains("Non-2xx or 3xx responses")) {
            throw new AssertionError(label + ": wrk got error answers:\n" + output);
        }
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()
                && (Long.parseLong(errors.group(1)) + Long.parseLong(errors.group(2)) + Long.parseLong(errors.group(3))
                        > 0)) {
            throw new AssertionError(label + ": wrk had socket errors:\n" + output);
        }
    }
}
