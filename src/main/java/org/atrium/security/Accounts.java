package org.atrium.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.time.Instant;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads account facts from a security identity (also usable off the request scope, e.g. on a WebSocket). Two kinds of
 * identity exist: one built from an OIDC access token (a {@link JsonWebToken} principal), and a small one built from a
 * live connection ticket, whose principal name is the subject and which carries the rest as attributes.
 */
public final class Accounts {

    /** Attribute of an identity without a token: the account's display name (a String). */
    public static final String DISPLAY_NAME = "atrium.display-name";

    /** Attribute of an identity without a token: when the access token it stands for expires (epoch seconds, Long). */
    public static final String TOKEN_EXPIRES_AT = "atrium.token-expires-at";

    /** Attribute of an identity without a token: the sign-in session ({@code sid}) of the token it stands for. */
    public static final String SESSION = "atrium.session";

    /** Attribute of an identity without a token: when the token it stands for was issued (epoch seconds, Long). */
    public static final String TOKEN_ISSUED_AT = "atrium.token-issued-at";

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
        } else if (identity.getAttribute(DISPLAY_NAME) instanceof String name && !name.isBlank()) {
            return name;
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

    /** When the caller's access token expires ({@code exp}); empty when the token has no expiry. */
    public static Optional<Instant> expiresAt(SecurityIdentity identity) {
        return instant(identity, JsonWebToken::getExpirationTime, TOKEN_EXPIRES_AT);
    }

    /** The identity provider's sign-in session ({@code sid}) of the caller's token; empty when it names none. */
    public static Optional<String> sessionOf(SecurityIdentity identity) {
        Object sid = identity.getPrincipal() instanceof JsonWebToken jwt
                ? jwt.getClaim("sid")
                : identity.getAttribute(SESSION);
        return sid == null || sid.toString().isBlank() ? Optional.empty() : Optional.of(sid.toString());
    }

    /** When the caller's access token was issued ({@code iat}); empty when the token does not say. */
    public static Optional<Instant> issuedAt(SecurityIdentity identity) {
        return instant(identity, JsonWebToken::getIssuedAtTime, TOKEN_ISSUED_AT);
    }

    /** A time claim of the token, or for an identity without one, the attribute that carries it (epoch seconds). */
    private static Optional<Instant> instant(
            SecurityIdentity identity, ToLongFunction<JsonWebToken> claim, String attribute) {
        long seconds = 0;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            seconds = claim.applyAsLong(jwt);
        } else if (identity.getAttribute(attribute) instanceof Long value) {
            seconds = value;
        }
        return seconds > 0 ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
    }
}
