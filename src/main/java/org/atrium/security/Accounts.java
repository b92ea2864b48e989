package org.atrium.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads account facts from a security identity (also usable off the request scope, e.g. on a WebSocket). */
public final class Accounts {

    private Accounts() {}

    public static String subjectOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    public static String displayNameOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            for (String claim : new String[] {"name", "preferred_username", "upn", "email"}) {
                Object value = jwt.getClaim(claim);
                if (value != null && !value.toString().isBlank()) {
                    return value.toString();
                }
            }
        }
        return identity.getPrincipal().getName();
    }

    public static Optional<String> emailOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object email = jwt.getClaim("email");
            if (email != null && !email.toString().isBlank()) {
                return Optional.of(email.toString());
            }
        }
        return Optional.empty();
    }
}
