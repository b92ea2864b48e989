package org.atrium.ui;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The identity provider's address as browsers reach it. Atrium itself may reach the provider at another, internal
 * address ({@code quarkus.oidc.auth-server-url}, e.g. {@code http://keycloak:8080/realms/atrium} inside a compose
 * network), and reads the provider's endpoints from the discovery document there; the browser is given them rewritten
 * to this public base.
 */
final class PublicIssuer {

    private PublicIssuer() {}

    /**
     * {@code atrium.ui.public-issuer}, else the issuer tokens must name ({@code quarkus.oidc.token.issuer}, unless it
     * is {@code any}), else empty: the provider's discovery document is right as it is.
     */
    static Optional<String> configured() {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("atrium.ui.public-issuer", String.class)
                .filter(s -> !s.isBlank())
                .or(() -> config.getOptionalValue("quarkus.oidc.token.issuer", String.class)
                        .filter(s -> !s.isBlank() && !s.equals("any")))
                .map(PublicIssuer::withoutTrailingSlash);
    }

    /**
     * {@code endpoint} with the internal issuer's prefix replaced by the public one; unchanged when it does not start
     * with the internal issuer (the provider already answered with its public address) or no public issuer is set.
     */
    static String rewrite(String endpoint, String internalIssuer, Optional<String> publicIssuer) {
        if (endpoint == null || internalIssuer == null || publicIssuer.isEmpty()) {
            return endpoint;
        }
        String internal = withoutTrailingSlash(internalIssuer);
        if (endpoint.equals(internal) || endpoint.startsWith(internal + "/")) {
            return publicIssuer.get() + endpoint.substring(internal.length());
        }
        return endpoint;
    }

    private static String withoutTrailingSlash(String s) {
        String t = s.strip();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }
}
