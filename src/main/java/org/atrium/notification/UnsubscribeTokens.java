package org.atrium.notification;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed one-click unsubscribe tokens: {@code <recipient>.<category>.<HMAC-SHA256>}, base64url. They do not expire
 * (RFC 8058 links must work from old messages); changing {@code atrium.notifications.unsubscribe-secret} voids them.
 */
@ApplicationScoped
class UnsubscribeTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    @Inject
    UnsubscribeTokens(NotificationConfig config) {
        Optional<String> secret = config.unsubscribeSecret().filter(s -> !s.isBlank());
        if (secret.isPresent()) {
            key = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            Log.warn("atrium.notifications.unsubscribe-secret is not set: unsubscribe links stop working at restart");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    /** What a valid token names. */
    record Subject(String recipient, Category category) {}

    String sign(String recipient, Category category) {
        String payload = B64.encodeToString(recipient.getBytes(StandardCharsets.UTF_8)) + "." + category.name();
        return payload + "." + B64.encodeToString(mac(payload));
    }

    Optional<Subject> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, mac(payload))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.", 2);
        try {
            return Optional.of(new Subject(
                    new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8),
                    Category.valueOf(parts[1])));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
