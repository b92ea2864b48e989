package org.atrium.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read from the OIDC token. The account's stable key everywhere in Atrium is the token's subject
 * ({@code sub}); name and email are display data that may change.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    /** The account key; empty for anonymous callers. */
    public Optional<String> subject() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        return Optional.of(Accounts.subjectOf(identity));
    }

    /** The account key of a caller that must be signed in (the endpoint's security rule guarantees it). */
    public String requireSubject() {
        return subject().orElseThrow(io.quarkus.security.UnauthorizedException::new);
    }

    public String displayName() {
        return Accounts.displayNameOf(identity);
    }

    public Optional<String> email() {
        return Accounts.emailOf(identity);
    }

    public Optional<String> preferredUsername() {
        return token().map(t -> t.<Object>getClaim("preferred_username"))
                .map(Object::toString)
                .filter(s -> !s.isBlank());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public Optional<JsonWebToken> token() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
    }
}
