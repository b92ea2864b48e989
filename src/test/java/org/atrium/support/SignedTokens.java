package org.atrium.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Access tokens with chosen claims, signed with the test key pair, for tests under {@link LocalIssuer}: a subject that
 * is a UUID as Keycloak's are, and the name, user name and e-mail claims a real provider sends.
 */
public final class SignedTokens {

    /** One person as a provider describes them; {@code roles} go into the {@code groups} claim. */
    public record Claims(String subject, String name, String username, String email, Set<String> roles) {

        public Claims named(String newName) {
            return new Claims(subject, newName, username, email, roles);
        }
    }

    private static final PrivateKey KEY = privateKey();

    private SignedTokens() {}

    public static String bearer(Claims c) {
        return bearer(c, null);
    }

    /** An access token of {@code c} in the provider's sign-in session {@code sessionId} (Keycloak's {@code sid}). */
    public static String bearer(Claims c, String sessionId) {
        JwtClaimsBuilder jwt = Jwt.issuer(LocalIssuer.ISSUER)
                .subject(c.subject())
                .claim("preferred_username", c.username())
                .groups(c.roles())
                .expiresIn(3600);
        if (c.name() != null) {
            jwt.claim("name", c.name());
        }
        if (c.email() != null) {
            jwt.claim("email", c.email()).claim("email_verified", true);
        }
        if (sessionId != null) {
            jwt.claim("sid", sessionId);
        }
        return "Bearer " + jwt.jws().keyId("test").sign(KEY);
    }

    /**
     * A back-channel logout token as the provider posts it when a sign-in session ends (OpenID Connect Back-Channel
     * Logout 1.0): {@code sub} and/or {@code sid}, the logout event, no nonce.
     */
    public static String logoutToken(String subject, String sessionId, java.security.PrivateKey key) {
        JwtClaimsBuilder jwt = Jwt.issuer(LocalIssuer.ISSUER)
                .audience("atrium-web")
                .issuedAt(java.time.Instant.now())
                .expiresIn(120)
                .claim("jti", java.util.UUID.randomUUID().toString())
                .claim(
                        "events",
                        java.util.Map.of("http://schemas.openid.net/event/backchannel-logout", java.util.Map.of()));
        if (subject != null) {
            jwt.subject(subject);
        }
        if (sessionId != null) {
            jwt.claim("sid", sessionId);
        }
        return jwt.jws().keyId("test").header("typ", "logout+jwt").sign(key);
    }

    public static String logoutToken(String subject, String sessionId) {
        return logoutToken(subject, sessionId, KEY);
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(LocalIssuer.pemBody("/test-issuer/private-key.pem"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }
}
