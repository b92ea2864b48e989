package org.atrium.agenda;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atrium.common.Bounds;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The public reads of the largest event the default bounds allow (every count at its limit, every text field full of
 * characters that are costly to encode) stay under the sizes documented in {@code src/docs/bounds.md}. Sizes are of
 * the uncompressed body; the time each took is printed, not asserted (speed belongs in benchmarks).
 */
@QuarkusTest
class LargestEventFeedsTest {

    /** The documented ceilings, in bytes (src/docs/bounds.md). */
    static final Map<String, Integer> CEILINGS = Map.of(
            "schedule", 14_000_000,
            "programme", 3_000_000,
            "schedule.json", 7_000_000,
            "schedule.xml", 10_000_000,
            "calendar.ics", 7_000_000);

    @Inject
    Fixtures fixtures;

    @Inject
    Bounds bounds;

    @Test
    void everyPublicReadStaysUnderItsDocumentedSize() {
        Event event = fixtures.largestEvent(
                bounds.eventMaxDays(),
                bounds.tracksPerEvent(),
                bounds.roomsPerEvent(),
                bounds.speakersPerEvent(),
                bounds.sessionsPerEvent(),
                bounds.speakersPerSession());
        String base = "/api/events/" + event.slug + "/";
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("schedule", base + "schedule");
        reads.put("programme", base + "programme?tz=America/Los_Angeles");
        reads.put("schedule.json", base + "schedule.json");
        reads.put("schedule.xml", base + "schedule.xml");
        reads.put("calendar.ics", base + "calendar.ics");
        for (var read : reads.entrySet()) {
            long started = System.nanoTime();
            byte[] body = given().header("Accept-Encoding", "identity")
                    .get(read.getValue())
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            long millis = (System.nanoTime() - started) / 1_000_000;
            int ceiling = CEILINGS.get(read.getKey());
            System.out.printf(
                    "largest event: %-14s %,11d bytes (ceiling %,d) in %,d ms%n",
                    read.getKey(), body.length, ceiling, millis);
            assertTrue(body.length > 1_000_000, read.getKey() + " should hold the whole event: " + body.length);
            assertTrue(body.length <= ceiling, read.getKey() + " is " + body.length + " bytes, over " + ceiling);
        }
    }
}
