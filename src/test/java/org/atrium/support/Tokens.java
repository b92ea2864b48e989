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
 * any password is accepted; these send the user name). Users and roles are configured in application.properties; the development
 * server also issues a token for any other user name (with the role "user"; it does not check the password), which
 * is how the registration load tests get hundreds of distinct accounts.
 */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /**
     * A token of the running development server, cached per issuer (a test profile restarts it with new keys) and
     * fetched afresh when it expires within a minute (a whole test run outlasts a token's lifetime).
     */
    public static String of(String user) {
        return CACHE.compute(
                issuer() + " " + user, (key, cached) -> cached != null && !expiresSoon(cached) ? cached : fetch(user));
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

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    /** A fresh token, never cached. */
    public static String fetch(String user) {
        String issuer = issuer();
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
