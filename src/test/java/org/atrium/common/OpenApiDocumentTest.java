package org.atrium.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document tells a generated client the real statuses: 201 for creates, problem documents for errors. */
@QuarkusTest
class OpenApiDocumentTest {

    /** The POSTs that create something and answer 201 (the last two answer 200 with what already exists). */
    static final Set<String> CREATES = Set.of(
            "/api/events",
            "/api/events/{slug}/tracks",
            "/api/events/{slug}/rooms",
            "/api/events/{slug}/speakers",
            "/api/events/{slug}/sessions",
            "/api/me/calendar-feed",
            "/api/live/tickets",
            "/api/events/{slug}/registration",
            "/api/events/{slug}/sessions/{sessionId}/signup",
            "/api/events/{slug}/galleries",
            "/api/events/{slug}/works",
            "/api/events/{slug}/works/{id}/media",
            "/api/events/{slug}/polls",
            "/api/events/{slug}/sessions/{id}/polls");

    static final Set<String> CREATE_OR_EXISTING =
            Set.of("/api/events/{slug}/registration", "/api/events/{slug}/sessions/{sessionId}/signup");

    static JsonNode document() throws Exception {
        return new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }

    @Test
    void createsAnswer201WithTheirView() throws Exception {
        JsonNode paths = document().get("paths");
        TreeSet<String> with201 = new TreeSet<>();
        paths.properties().forEach(p -> {
            JsonNode post = p.getValue().get("post");
            if (post != null && post.path("responses").has("201")) {
                with201.add(p.getKey());
            }
        });
        assertEquals(new TreeSet<>(CREATES), with201, "POSTs documented as 201");
        for (String path : CREATES) {
            JsonNode responses = paths.get(path).get("post").get("responses");
            JsonNode schema = responses.get("201").at("/content/application~1json/schema");
            assertFalse(schema.isMissingNode(), path + ": 201 names its body");
            assertEquals(CREATE_OR_EXISTING.contains(path), responses.has("200"), path + ": 200 " + responses);
        }
    }

    @Test
    void everyOperationListsItsProblemResponses() throws Exception {
        JsonNode doc = document();
        JsonNode problem = doc.at("/components/schemas/Problem");
        assertEquals("string", problem.at("/properties/code/type").asText(), problem.toString());
        List<String> wrong = new ArrayList<>();
        doc.get("paths")
                .properties()
                .forEach(p -> p.getValue().properties().forEach(op -> {
                    String method = op.getKey();
                    if (!Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                        return;
                    }
                    String where = method.toUpperCase() + " " + p.getKey();
                    JsonNode o = op.getValue();
                    JsonNode responses = o.path("responses");
                    boolean body = o.has("requestBody");
                    boolean query = false;
                    for (JsonNode parameter : o.path("parameters")) {
                        query |= "query".equals(parameter.path("in").asText());
                    }
                    boolean signedIn = o.path("security").size() > 0;
                    TreeSet<String> expected = new TreeSet<>();
                    if (body || query) expected.add("400");
                    if (signedIn) expected.addAll(List.of("401", "403"));
                    if (p.getKey().contains("{")) expected.add("404");
                    if (signedIn && !method.equals("get")) expected.add("409");
                    if (body) expected.addAll(List.of("413", "415"));
                    for (String code : expected) {
                        if (!responses.has(code)) {
                            wrong.add(where + " lists no " + code);
                        }
                    }
                    responses.properties().forEach(r -> {
                        if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                            String ref = r.getValue()
                                    .at("/content/application~1problem+json/schema/$ref")
                                    .asText();
                            if (!"#/components/schemas/Problem".equals(ref)) {
                                wrong.add(where + " " + r.getKey() + " is not a problem document: " + r.getValue());
                            }
                        }
                    });
                }));
        assertEquals(List.of(), wrong);
        // the rules above are not vacuous: the organisers' create lists them all
        JsonNode create = doc.at("/paths/~1api~1events~1{slug}~1sessions/post/responses");
        for (String code : List.of("400", "401", "403", "404", "409", "413", "415")) {
            assertTrue(create.has(code), "POST /api/events/{slug}/sessions lists " + code + ": " + create);
        }
    }
}
