package org.atrium.ui;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A strict Content-Security-Policy and related headers on everything Atrium serves, except the Quarkus tools under
 * {@code /q/} (Swagger UI needs inline scripts). The UI has no inline script or style, so {@code 'self'} is enough;
 * the identity provider's origin is allowed for the browser's token requests. A response that sets its own policy
 * keeps it (with its own X-Frame-Options): the stage's player frame, whose policy lists the event's stream origins
 * ({@code /stage/...}, src/docs/stage.md); this one lists none, so the UI's pages can load no third-party frame or
 * media.
 */
@ApplicationScoped
class SecurityHeaders {

    static final String CSP_TEMPLATE =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:;"
                    + " connect-src 'self' ws: wss:%s; font-src 'self'; object-src 'none'; base-uri 'none';"
                    + " form-action 'self'%s; frame-ancestors 'none'";

    private volatile String policy;

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    String path = rc.normalizedPath();
                    if (!path.startsWith("/q/")) {
                        // when the headers go out, so that a response with its own policy keeps it
                        rc.addHeadersEndHandler(v -> {
                            var headers = rc.response().headers();
                            if (!headers.contains("Content-Security-Policy")) {
                                headers.set("Content-Security-Policy", policy());
                                headers.set("X-Frame-Options", "DENY");
                            }
                            headers.set("X-Content-Type-Options", "nosniff");
                            headers.set("Referrer-Policy", "no-referrer");
                        });
                    }
                    rc.next();
                },
                100);
    }

    String policy() {
        String p = policy;
        if (p == null) {
            String issuer = issuerOrigin().map(o -> " " + o).orElse("");
            p = CSP_TEMPLATE.formatted(issuer, issuer);
            policy = p;
        }
        return p;
    }

    /**
     * The identity provider's origin (scheme, host, port) as browsers reach it: the public issuer when configured,
     * else the one Atrium uses. Read at run time: dev services set it at start.
     */
    static Optional<String> issuerOrigin() {
        return PublicIssuer.configured()
                .or(() -> ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                        .filter(s -> !s.isBlank()))
                .map(URI::create)
                .filter(u -> u.getScheme() != null && u.getHost() != null)
                .map(u -> u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
    }
}
