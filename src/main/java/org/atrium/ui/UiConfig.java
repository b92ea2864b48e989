package org.atrium.ui;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the browser UI. */
@ConfigMapping(prefix = "atrium.ui")
interface UiConfig {

    /** The public OIDC client the browser signs in with (authorization code + PKCE); Keycloak's {@code atrium-web}. */
    @WithDefault("atrium-web")
    String clientId();

    /**
     * The provider's issuer as browsers reach it, when Atrium reaches it at another (internal) address: the
     * authorization, token and end-session endpoints handed to the browser are rewritten to this base (see
     * {@link PublicIssuer}). Defaults to {@code quarkus.oidc.token.issuer}.
     */
    Optional<String> publicIssuer();

    /** Scopes the browser asks for. */
    @WithDefault("openid profile email")
    String scope();

    /**
     * Development only: relay the browser's token requests through Atrium, because the Docker-free OIDC development
     * server sends no CORS headers. Never enable it against a real provider.
     */
    @WithDefault("false")
    boolean devTokenRelay();
}
