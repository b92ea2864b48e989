package org.atrium.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/** Errors raised before or around the resources (routing, media types, body size) are problem+json too. */
@QuarkusTest
class HttpErrorsTest {

    static void isProblem(ValidatableResponse response, int status, String code) {
        response.statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", equalTo("https://atrium.dev/problems/" + code))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    static String eventJson(String slug, String description) {
        return """
                {"slug":"%s","title":"Big","timeZone":"Asia/Baku","firstDay":"2027-05-12","lastDay":"2027-05-13",
                 "description":"%s"}""".formatted(slug, description);
    }

    @Test
    void bodyOverOneMegabyteIsRefusedAsProblem() {
        String slug = org.atrium.support.Fixtures.uniqueSlug("big");
        isProblem(
                given().header("Authorization", Tokens.bearer("organiser"))
                        .contentType(ContentType.JSON)
                        .body(eventJson(slug, "x".repeat(1_100_000)))
                        .post("/api/events")
                        .then(),
                413,
                "request.too-large");
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(eventJson(slug, "x".repeat(1_100_000)))
                .post("/api/events")
                .then()
                .body("detail", equalTo("The request body is larger than the limit of 1048576 bytes."))
                .body("maxBytes", equalTo(1048576));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + slug)
                .then()
                .statusCode(404);
    }

    @Test
    void bodyJustUnderTheLimitReachesTheResource() {
        // 900,000 characters pass the size limit and are then refused by validation (description max 20,000)
        isProblem(
                given().header("Authorization", Tokens.bearer("organiser"))
                        .contentType(ContentType.JSON)
                        .body(eventJson("x", "y".repeat(900_000)))
                        .post("/api/events")
                        .then(),
                400,
                "validation.failed");
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedAsProblem() {
        byte[] body = eventJson("chunked", "z".repeat(1_100_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        isProblem(
                given().header("Authorization", Tokens.bearer("organiser"))
                        .contentType(ContentType.JSON)
                        .body(new java.io.ByteArrayInputStream(body))
                        .post("/api/events")
                        .then(),
                413,
                "request.too-large");
    }

    @Test
    void unknownApiPathIsProblem() {
        isProblem(given().get("/api/no-such-thing").then(), 404, "not-found");
        isProblem(given().get("/api/events/some-slug/no-such-thing").then(), 404, "not-found");
    }

    @Test
    void wrongMethodIsProblem() {
        isProblem(given().delete("/api/events").then(), 405, "method.not-allowed");
    }

    @Test
    void wrongMediaTypeIsProblem() {
        isProblem(
                given().header("Authorization", Tokens.bearer("organiser"))
                        .contentType(ContentType.XML)
                        .body("<event/>")
                        .post("/api/events")
                        .then(),
                415,
                "media-type.unsupported");
    }

    @Test
    void malformedJsonIsProblemWithoutInternals() {
        isProblem(
                given().header("Authorization", Tokens.bearer("organiser"))
                        .contentType(ContentType.JSON)
                        .body("{\"slug\": ")
                        .post("/api/events")
                        .then(),
                400,
                "json.malformed");
    }

    @Test
    void missingTokenIsProblem() {
        isProblem(
                given().contentType(ContentType.JSON)
                        .body(eventJson("abc", "d"))
                        .post("/api/events")
                        .then(),
                401,
                "auth.required");
    }

    @Test
    void missingTokenGetsABareBearerChallenge() {
        given().post("/api/live/tickets")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.required"))
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void aGarbageTokenIsInvalidNotExpired() {
        var refused = given().header("Authorization", "Bearer not.a.token")
                .get("/api/me/registrations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.invalid-token"))
                .header(
                        "WWW-Authenticate",
                        equalTo("Bearer error=\"invalid_token\", error_description=\"The access token is not valid\""))
                .extract();
        assertEquals(1, refused.headers().getValues("WWW-Authenticate").size(), "one challenge");
        assertFalse(
                refused.body().asString().contains("expired"), refused.body().asString());
    }
}
