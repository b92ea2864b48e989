package org.atrium.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A token that has expired is told apart from one that was never valid: 401 {@code auth.expired} with RFC 6750's
 * {@code invalid_token} challenge saying so. The development server here issues tokens that live one second (a
 * profile of their own, so this class runs on its own Quarkus start); the token is a real one from that server.
 */
@QuarkusTest
@TestProfile(ExpiredTokenTest.OneSecondTokens.class)
class ExpiredTokenTest {

    public static class OneSecondTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.devservices.access-token-expires-in", "1S");
        }
    }

    @Test
    void anExpiredTokenIsAuthExpiredWithAnInvalidTokenChallenge() throws InterruptedException {
        String token = Tokens.fetch("alice");
        // exp is in whole seconds: the token is refused within about two; wait for that (no figure is asserted)
        Response refused = null;
        for (int attempt = 0; attempt < 100 && refused == null; attempt++) {
            Response r = given().header("Authorization", "Bearer " + token).get("/api/me/registrations");
            if (r.statusCode() == 200) {
                Thread.sleep(100);
            } else {
                refused = r;
            }
        }
        if (refused == null) {
            fail("a token with a lifetime of one second was still accepted after ten seconds");
        }
        refused.then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.expired"))
                .header(
                        "WWW-Authenticate",
                        equalTo("Bearer error=\"invalid_token\", error_description=\"The access token expired\""));
        assertEquals(1, refused.headers().getValues("WWW-Authenticate").size(), "one challenge");
    }
}
