package org.atrium.live;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;

/**
 * Refuses (403) a live handshake whose Origin header is neither the server's own host nor in {@code
 * atrium.live.allowed-origins}. Clients that send no Origin (API clients, the load tool) are not browsers and pass.
 */
@ApplicationScoped
class OriginCheck implements HttpUpgradeCheck {

    @Inject
    LiveConfig config;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || allowed(origin, context.httpRequest().getHeader("Host"))) {
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(403);
    }

    boolean allowed(String origin, String host) {
        List<String> list = config.allowedOrigins().orElse(List.of());
        if (list.contains(origin) || list.contains("*")) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
