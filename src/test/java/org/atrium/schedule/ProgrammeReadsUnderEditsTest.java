package org.atrium.schedule;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The kept programme under edits: 32 HTTP clients read it while an organiser renames a room 20 times. A read begun
 * after an edit's response arrived must show that edit (or a later one), never the body from before it.
 */
@QuarkusTest
class ProgrammeReadsUnderEditsTest {

    static final int READERS = 32;
    static final int EDITS = 20;

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI server;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void noReadBegunAfterAnEditsResponseSeesTheBodyFromBeforeIt() throws Exception {
        Event event = fixtures.publishedEvent();
        Venue room = fixtures.room(event, "Hall 0", 10);
        fixtures.session(
                event,
                room,
                "Talk",
                ProgrammeResourceTest.baku("2027-05-12T10:00"),
                ProgrammeResourceTest.baku("2027-05-12T11:00"));
        URI programme = server.resolve("/api/events/" + event.slug + "/schedule");
        AtomicInteger editsDone = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    HttpRequest get = HttpRequest.newBuilder(programme).GET().build();
                    while (!stop.get()) {
                        int before = editsDone.get();
                        HttpResponse<byte[]> response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                        assertEquals(200, response.statusCode());
                        int shown = hallNumber(json.readTree(response.body()));
                        if (shown < before) {
                            stale.add("began after edit " + before + ", saw Hall " + shown);
                        }
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            String auth = Tokens.bearer("organiser");
            for (int edit = 1; edit <= EDITS; edit++) {
                long readsBefore = reads.get();
                given().header("Authorization", auth)
                        .contentType(ContentType.JSON)
                        .body("{\"name\":\"Hall " + edit + "\",\"version\":" + (edit - 1) + "}")
                        .put("/api/events/" + event.slug + "/rooms/" + room.id)
                        .then()
                        .statusCode(200);
                editsDone.set(edit);
                // let the readers run a few rounds against this edit before the next one
                awaitReads(readsBefore + 2L * READERS, reads, readers);
            }
            awaitReads(reads.get() + 2L * READERS, reads, readers);
            stop.set(true);
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertTrue(stale.isEmpty(), stale.size() + " stale reads, e.g. " + stale.peek());
        assertTrue(reads.get() >= 2L * READERS * (EDITS + 1), "reads: " + reads.get());
    }

    /** Waits until the readers have made {@code target} reads; a reader that failed fails the test. */
    private static void awaitReads(long target, AtomicLong reads, List<Future<?>> readers) throws Exception {
        while (reads.get() < target) {
            for (Future<?> reader : readers) {
                if (reader.isDone()) {
                    reader.get();
                    throw new AssertionError("a reader stopped early");
                }
            }
            Thread.sleep(1);
        }
    }

    private static int hallNumber(JsonNode programme) {
        return Integer.parseInt(
                programme.get("rooms").get(0).get("name").asText().substring("Hall ".length()));
    }
}
