package org.atrium.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every paged endpoint reads paging alike (common/Page): a size above the maximum is served at the maximum and the
 * page says so; sizes below 1, negative pages and pages past any list are 400 {@code paging.invalid}. The endpoints
 * are found in the OpenAPI document (every GET with a {@code size} parameter), so a new one cannot be left out.
 */
@QuarkusTest
class PagingTest {

    @Inject
    Fixtures fixtures;

    @Test
    void everyPagedEndpointClampsTheSizeAndRefusesNonsense() throws Exception {
        Event event = fixtures.publishedEvent();
        fixtures.room(event, "Main", 10);
        fixtures.track(event, "Art", "#111111");
        fixtures.speaker(event, "Ana", null);
        fixtures.session(
                event,
                null,
                "Talk",
                java.time.Instant.parse("2027-05-12T06:00:00Z"),
                java.time.Instant.parse("2027-05-12T07:00:00Z"));
        fixtures.registration(event, "paging-reader", Registration.State.CONFIRMED, null);
        Map<String, String> paged = new TreeMap<>(Map.of(
                "/api/events", "/api/events",
                "/api/events/{slug}/rooms", "/api/events/" + event.slug + "/rooms",
                "/api/events/{slug}/tracks", "/api/events/" + event.slug + "/tracks",
                "/api/events/{slug}/speakers", "/api/events/" + event.slug + "/speakers",
                "/api/events/{slug}/sessions", "/api/events/" + event.slug + "/sessions",
                "/api/events/{slug}/registrations", "/api/events/" + event.slug + "/registrations"));
        assertEquals(new TreeSet<>(paged.keySet()), pagedInTheOpenApiDocument(), "the paged endpoints");

        String organiser = Tokens.bearer("organiser");
        for (String path : paged.values()) {
            given().header("Authorization", organiser)
                    .get(path + "?size=1000000")
                    .then()
                    .statusCode(200)
                    .body("size", equalTo(Page.MAX_SIZE))
                    .body("page", equalTo(0));
            given().header("Authorization", organiser)
                    .get(path + "?size=1&page=0")
                    .then()
                    .statusCode(200)
                    .body("size", equalTo(1))
                    .body("items", hasSize(1));
            given().header("Authorization", organiser)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("size", equalTo(Page.DEFAULT_SIZE));
            for (String nonsense : new String[] {"size=0", "size=-1", "page=-1", "page=2147483647"}) {
                given().header("Authorization", organiser)
                        .get(path + "?" + nonsense)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("code", equalTo("paging.invalid"));
            }
        }
    }

    private static TreeSet<String> pagedInTheOpenApiDocument() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        TreeSet<String> paths = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            if (get != null && get.has("parameters")) {
                for (JsonNode p : get.get("parameters")) {
                    if ("query".equals(p.path("in").asText())
                            && "size".equals(p.path("name").asText())) {
                        paths.add(path.getKey());
                    }
                }
            }
        });
        return paths;
    }
}
