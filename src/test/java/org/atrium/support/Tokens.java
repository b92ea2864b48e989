package org.atrium.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** A token of the running development server (a test profile restarts it with new keys: cached per issuer). */
    public static String of(String user) {
        return CACHE.computeIfAbsent(issuer() + " " + user, key -> fetch(user));
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
