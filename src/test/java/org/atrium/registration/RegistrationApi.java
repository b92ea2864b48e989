package org.atrium.registration;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.atrium.support.Tokens;

/** REST calls the registration tests make, as a given account. */
final class RegistrationApi {

    private RegistrationApi() {}

    static ValidatableResponse register(String slug, String user, String json) {
        return given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/events/" + slug + "/registration")
                .then();
    }

    static ValidatableResponse register(String slug, String user) {
        return register(slug, user, "{}");
    }

    static long registerId(String slug, String user) {
        return register(slug, user).statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse cancelOwn(String slug, String user) {
        return given().header("Authorization", Tokens.bearer(user))
                .delete("/api/events/" + slug + "/registration")
                .then();
    }

    static ValidatableResponse settings(String slug, String user, String json) {
        return given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body(json)
                .put("/api/events/" + slug + "/registration-settings")
                .then();
    }

    /** Sets capacity (null = unlimited) and mode as the event's organiser; registration open, no deadline. */
    static void capacity(String slug, Integer capacity, String mode) {
        settings(slug, "organiser", "{\"open\":true,\"capacity\":%s,\"mode\":\"%s\"}".formatted(capacity, mode))
                .statusCode(200);
    }

    static ValidatableResponse organiserAction(String slug, String user, long id, String action) {
        return given().header("Authorization", Tokens.bearer(user))
                .post("/api/events/" + slug + "/registrations/" + id + "/" + action)
                .then();
    }

    /** A claim of the account's access token (as the server reads it). */
    static String claim(String user, String claim) {
        String payload = Tokens.of(user).split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(json).getString(claim);
    }
}
