package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Absolute links in feeds: {@code atrium.public-url} when configured, else the base URL the request came in on. */
@ApplicationScoped
class PublicBaseUrl {

    @ConfigProperty(name = "atrium.public-url")
    Optional<String> publicUrl;

    String of(UriInfo uri) {
        String base = publicUrl
                .filter(u -> !u.isBlank())
                .orElseGet(() -> uri.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
