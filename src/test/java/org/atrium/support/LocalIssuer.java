package org.atrium.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Atrium trusting a provider that issues tokens like Keycloak's (UUID subjects, name and e-mail claims): tokens are
 * minted by {@link SignedTokens} and verified with the test key pair's public key, instead of coming from the OIDC
 * development server (whose subject is always the user name). Event creation is closed to the organiser role, as in
 * production. Test classes that share this profile share one application start.
 */
public class LocalIssuer implements QuarkusTestProfile {

    public static final String ISSUER = "https://id.example.test/realms/atrium";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.devservices.enabled", "false",
                // the OIDC dev server of an earlier profile keeps running and would still hand its address to this
                // app (which then verified tokens with its keys): no provider address at all here
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.public-key", pemBody("/test-issuer/public-key.pem"),
                "quarkus.oidc.token.issuer", ISSUER,
                // back-channel logout tokens are addressed to the browser's client, as Keycloak's are
                "quarkus.oidc.client-id", "atrium-web",
                "atrium.ui.dev-token-relay", "false",
                "atrium.organising.open", "false");
    }

    static String pemBody(String resource) {
        try (InputStream in = LocalIssuer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
