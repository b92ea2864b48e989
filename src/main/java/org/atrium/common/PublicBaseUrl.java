package org.atrium.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The base of every absolute link Atrium hands out (feeds, invitation links, the projector's short link and QR code):
 * {@code atrium.public-url} when configured (behind a reverse proxy the request's own base is the internal address),
 * else the base URL the request came in on; never with a trailing slash.
 */
@ApplicationScoped
public class PublicBaseUrl {

    @ConfigProperty(name = "atrium.public-url")
    Optional<String> publicUrl;

    public String of(UriInfo uri) {
        String base = publicUrl
                .filter(u -> !u.isBlank())
                .orElseGet(() -> uri.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
