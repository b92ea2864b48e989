package org.atrium.ui;

import java.util.ArrayList;
import java.util.List;
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
     * {@code endpoint} with an internal address's prefix replaced by the public issuer; unchanged when no public issuer
     * is set or it starts with neither (the provider already answered with its public address). The internal prefixes
     * are the address Atrium uses ({@code quarkus.oidc.auth-server-url}) and the issuer the discovery document names:
     * Keycloak with a public host name and dynamic back-channel names the public issuer but internal back-channel
     * endpoints.
     */
    static String rewrite(String endpoint, List<String> internalIssuers, Optional<String> publicIssuer) {
        if (endpoint == null || publicIssuer.isEmpty()) {
            return endpoint;
        }
        for (String issuer : internalIssuers) {
            if (issuer == null || issuer.isBlank()) {
                continue;
            }
            String internal = withoutTrailingSlash(issuer);
            if (endpoint.equals(internal) || endpoint.startsWith(internal + "/")) {
                return publicIssuer.get() + endpoint.substring(internal.length());
            }
        }
        return endpoint;
    }

    /** The addresses of the provider that are not meant for browsers (see {@link #rewrite}). */
    static List<String> internalIssuers(String discoveredIssuer) {
        List<String> internal = new ArrayList<>();
        ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .ifPresent(internal::add);
        internal.add(discoveredIssuer);
        return internal;
    }

    private static String withoutTrailingSlash(String s) {
        String t = s.strip();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }
}
