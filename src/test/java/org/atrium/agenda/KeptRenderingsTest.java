package org.atrium.agenda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.atrium.event.Event;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * The public bodies kept in memory ({@link org.atrium.common.PublicRenderings}): the feeds, the viewer-zone programme
 * and the anonymous event list are served again without a database round trip, and an organiser's committed change
 * is in every one of them as soon as the change's response has arrived.
 */
@QuarkusTest
class KeptRenderingsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    SessionFactory sessionFactory;

    @TestHTTPResource("/")
    URI server;

    static List<String> paths(String slug) {
        String base = "/api/events/" + slug;
        return List.of(
                base + "/schedule.xml",
                base + "/schedule.json",
                base + "/calendar.ics",
                base + "/programme?tz=America/New_York",
                base + "/programme?tz=Asia/Tokyo",
                base + "/programme",
                "/api/events?size=" + 500);
    }

    long statements(String path) {
        var stats = sessionFactory.getStatistics();
        long before = stats.getPrepareStatementCount();
        given().get(path).then().statusCode(200);
        return stats.getPrepareStatementCount() - before;
    }

    @Test
    void feedsZoneProgrammesAndTheEventListAreServedFromMemoryAndShowAChangeAsSoonAsItsResponseArrives() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("kept"), "Asia/Baku", LocalDate.of(1990, 1, 2), LocalDate.of(1990, 1, 2), true);
        Venue room = fixtures.room(event, "Main", 10);
        fixtures.session(
                event,
                room,
                "Opening talk",
                LocalDateTime.parse("1990-01-02T10:00")
                        .atZone(ZoneId.of("Asia/Baku"))
                        .toInstant(),
                LocalDateTime.parse("1990-01-02T11:00")
                        .atZone(ZoneId.of("Asia/Baku"))
                        .toInstant());
        for (String path : paths(event.slug)) {
            given().get(path).then().statusCode(200).body(containsString("Event " + event.slug));
            assertEquals(0, statements(path), "statements for the second read of " + path);
        }

        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"slug\":\"" + event.slug + "\",\"title\":\"Renamed " + event.slug + "\","
                        + "\"timeZone\":\"Asia/Baku\",\"firstDay\":\"1990-01-02\",\"lastDay\":\"1990-01-02\","
                        + "\"version\":" + event.version + "}")
                .put("/api/events/" + event.slug)
                .then()
                .statusCode(200);

        for (String path : paths(event.slug)) {
            given().get(path)
                    .then()
                    .statusCode(200)
                    .body(containsString("Renamed " + event.slug))
                    .body(not(containsString("Event " + event.slug)));
        }
    }

    @Test
    void keptBodiesAreCompressedAsBeforeJsonGzippedOnceUnderTheSameTagXmlAndICalendarAsTheyAre() throws Exception {
        Event event = fixtures.publishedEvent();
        fixtures.room(event, "Main", 10);
        HttpClient http = HttpClient.newHttpClient();
        for (String path : paths(event.slug)) {
            HttpResponse<byte[]> plain = http.send(
                    HttpRequest.newBuilder(server.resolve(path))
                            .header("Accept-Encoding", "identity")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> gzipped = http.send(
                    HttpRequest.newBuilder(server.resolve(path))
                            .header("Accept-Encoding", "br;q=0.5, gzip")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, plain.statusCode(), path);
            assertEquals(200, gzipped.statusCode(), path);
            assertEquals(
                    "identity", plain.headers().firstValue("Content-Encoding").orElse("identity"), path);
            // the HTTP layer compresses JSON per response (quarkus.http.enable-compression); XML and iCalendar are
            // not in its media types, so they go as they are
            boolean json =
                    plain.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json");
            String encoding = gzipped.headers().firstValue("Content-Encoding").orElse("identity");
            assertEquals(json ? "gzip" : "identity", encoding, path);
            byte[] decoded = json
                    ? new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes()
                    : gzipped.body();
            assertArrayEquals(plain.body(), decoded, path);
            assertEquals(plain.headers().firstValue("ETag"), gzipped.headers().firstValue("ETag"), path);
        }
    }

    @Test
    void aDraftsFeedIsNeverKeptForOthers() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        String auth = Tokens.bearer("organiser");
        for (String path : paths(draft.slug).subList(0, 5)) {
            given().header("Authorization", auth).get(path).then().statusCode(200);
            given().get(path).then().statusCode(404);
        }
    }
}
