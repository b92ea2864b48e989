package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The identity provider is down when Atrium starts (nothing listens at its address): the browser's sign-in settings
 * are refused with 503 {@code auth.provider-unavailable} (it was a 500 from a NullPointerException), and are served as
 * soon as the provider answers, without restarting Atrium.
 */
@QuarkusTest
@TestProfile(UiConfigProviderUnavailableTest.ProviderDown.class)
class UiConfigProviderUnavailableTest {

    /** One port for the profile and the test, which Quarkus may load in different class loaders: kept JVM-wide. */
    static final int PORT = Integer.parseInt(System.getProperties()
            .computeIfAbsent("atrium.test.provider-down-port", k -> String.valueOf(freePort()))
            .toString());

    static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/atrium";

    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.devservices.enabled", "false",
                    "quarkus.oidc.auth-server-url", ISSUER,
                    "atrium.ui.dev-token-relay", "false");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void signInSettingsAre503UntilTheProviderAnswersThenServed() throws IOException {
        given().get("/api/ui-config")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.provider-unavailable"))
                .body("detail", containsString("identity provider cannot be reached"));
        // the page says so when someone tries to sign in
        try (Browser visitor = new Browser(base, "Europe/London")) {
            visitor.open("#/");
            visitor.click(By.id("sign-in"));
            assertThat(visitor.text(By.id("sign-in-error")), containsString("identity provider cannot be reached"));

            // the provider comes up at the address Atrium was given
            HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
            provider.createContext("/realms/atrium/.well-known/openid-configuration", exchange -> {
                byte[] body = ("{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\"" + ISSUER
                                + "/protocol/openid-connect/auth\",\"token_endpoint\":\"" + ISSUER
                                + "/protocol/openid-connect/token\",\"end_session_endpoint\":\"" + ISSUER
                                + "/protocol/openid-connect/logout\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            provider.start();
            try {
                // the same page, without reloading: signing in now leaves for the provider's authorization endpoint
                visitor.click(By.id("sign-in"));
                visitor.wait.until(d -> d.getCurrentUrl().startsWith(ISSUER + "/protocol/openid-connect/auth?"));
                given().get("/api/ui-config")
                        .then()
                        .statusCode(200)
                        .body("issuer", equalTo(ISSUER))
                        .body("authorizationEndpoint", equalTo(ISSUER + "/protocol/openid-connect/auth"))
                        .body("tokenEndpoint", equalTo(ISSUER + "/protocol/openid-connect/token"))
                        .body("endSessionEndpoint", equalTo(ISSUER + "/protocol/openid-connect/logout"));
            } finally {
                provider.stop(0);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
