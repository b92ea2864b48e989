package org.atrium.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real access tokens from the OIDC development server that quarkus-oidc starts in test mode (password grant;
 * the password is the user name). Users and roles are configured in application.properties; the development
 * server also issues a token for any other user name (with the role "user"; it does not check the password), which
 * is how the registration load tests get hundreds of distinct accounts.
 */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /**
     * A cached token of {@code user}, fetched afresh when it expires within a minute: a whole test run outlasts a
     * token's lifetime, and a test must never fail on a stale cached token.
     */
    public static String of(String user) {
        return CACHE.compute(user, (u, cached) -> cached != null && !expiresSoon(cached) ? cached : fetch(u));
    }

    private static boolean expiresSoon(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return true;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher exp = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(payload);
        return !exp.find() || Long.parseLong(exp.group(1)) < Instant.now().getEpochSecond() + 60;
    }

    public static String bearer(String user) {
        return "Bearer " + of(user);
    }

    private static String fetch(String user) {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        String clientId = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.client-id", String.class)
                .orElse("quarkus-app");
        return given().relaxedHTTPSValidation()
                .formParam("grant_type", "password")
                .formParam("username", user)
                .formParam("password", user)
                .formParam("client_id", clientId)
                .when()
                .post(issuer + "/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
