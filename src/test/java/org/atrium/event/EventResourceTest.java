package org.atrium.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventResourceTest {

    static String newSlug() {
        return "ev-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String eventJson(String slug) {
        return """
                {"slug":"%s","title":"Mine Action Forum","timeZone":"Asia/Baku",
                 "firstDay":"2027-05-12","lastDay":"2027-05-13"}""".formatted(slug);
    }

    static void create(String user, String slug) {
        given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body(eventJson(slug))
                .post("/api/events")
                .then()
                .statusCode(201);
    }

    @Test
    void organiserCreatesDraftVisibleOnlyToOrganisers() {
        String slug = newSlug();
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(eventJson(slug))
                .post("/api/events")
                .then()
                .statusCode(201)
                .header("Location", "/api/events/" + slug)
                .body("status", equalTo("DRAFT"))
                .body("timeZone", equalTo("Asia/Baku"))
                .body("timeZoneOffset", equalTo("+04:00"))
                .body("organisers.subject", contains("organiser"));

        given().get("/api/events/" + slug)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("event.not-found"));
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + slug)
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + slug)
                .then()
                .statusCode(200)
                .body("organiser", equalTo(true));
    }

    @Test
    void publishedEventIsPublicAndListed() {
        String slug = newSlug();
        create("organiser", slug);
        given().header("Authorization", Tokens.bearer("organiser"))
                .post("/api/events/" + slug + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        given().get("/api/events/" + slug).then().statusCode(200).body("organisers", equalTo(null));
        given().get("/api/events?size=500").then().statusCode(200).body("items.slug", hasItem(slug));
    }

    @Test
    void onlyOrganisersChangeAnEvent() {
        String slug = newSlug();
        create("organiser", slug);
        given().header("Authorization", Tokens.bearer("organiser")).post("/api/events/" + slug + "/publish");

        given().post("/api/events/" + slug + "/cancel").then().statusCode(401);
        given().header("Authorization", Tokens.bearer("alice"))
                .post("/api/events/" + slug + "/cancel")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("forbidden"));
        given().get("/api/events/" + slug).then().body("status", equalTo("PUBLISHED"));
    }

    @Test
    void coOrganiserGainsRights() {
        String slug = newSlug();
        create("organiser", slug);
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"subject\":\"bob\"}")
                .post("/api/events/" + slug + "/organisers")
                .then()
                .statusCode(200);
        given().header("Authorization", Tokens.bearer("bob"))
                .post("/api/events/" + slug + "/publish")
                .then()
                .statusCode(200);
    }

    @Test
    void badInputIsAProblemWithStableCode() {
        String slug = newSlug();
        create("organiser", slug);
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(eventJson(slug))
                .post("/api/events")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("event.slug-taken"));

        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(eventJson(newSlug()).replace("Asia/Baku", "Mars/Olympus"))
                .post("/api/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"));

        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(eventJson(newSlug()).replace("\"title\"", "\"titel\""))
                .post("/api/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("json.unknown-field"))
                .body("errors[0].field", equalTo("titel"));

        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"slug\": ")
                .post("/api/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("json.malformed"))
                .body("detail", not(org.hamcrest.Matchers.containsString("Exception")));

        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(
                        "{\"slug\":\"x-y-z\",\"timeZone\":\"Asia/Baku\",\"firstDay\":\"2027-05-12\",\"lastDay\":\"2027-05-11\"}")
                .post("/api/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("validation.failed"))
                .body("errors.field", hasItem("title"));
    }
}
