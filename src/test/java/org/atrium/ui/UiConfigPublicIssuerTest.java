package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Atrium reaching its provider at one address (here the OIDC development server) while browsers reach it at another:
 * the browser is given the public issuer and endpoints, and the Content-Security-Policy allows the public origin.
 */
@QuarkusTest
@TestProfile(UiConfigPublicIssuerTest.PublicAddress.class)
class UiConfigPublicIssuerTest {

    static final String PUBLIC = "https://id.example.org/realms/atrium";

    public static class PublicAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atrium.ui.public-issuer", PUBLIC + "/", "atrium.ui.dev-token-relay", "false");
        }
    }

    @Test
    void theBrowserGetsThePublicIssuerAndEndpoints() {
        given().get("/api/ui-config")
                .then()
                .statusCode(200)
                .body("issuer", equalTo(PUBLIC))
                .body("authorizationEndpoint", equalTo(PUBLIC + "/authorize"))
                .body("tokenEndpoint", equalTo(PUBLIC + "/token"))
                .body("endSessionEndpoint", equalTo(PUBLIC + "/logout"))
                .body("devProvider", equalTo(false));
        given().get("/")
                .then()
                .statusCode(200)
                .header(
                        "Content-Security-Policy",
                        containsString("connect-src 'self' ws: wss: https://id.example.org;"))
                .header("Content-Security-Policy", containsString("form-action 'self' https://id.example.org;"));
    }
}
