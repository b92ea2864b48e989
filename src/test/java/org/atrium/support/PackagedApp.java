package org.atrium.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * What the integration tests that start the packaged application in their own JVM share: a free port for it, and RS256
 * access tokens it verifies with the public key it was started with ({@code quarkus.oidc.public-key}).
 */
public final class PackagedApp {

    private PackagedApp() {}

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** An RS256 access token of {@code subject} from {@code issuer}, signed with {@code keys}, valid until {@code expires}. */
    public static String token(KeyPair keys, String issuer, String subject, Instant expires) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"preferred_username\":\"" + subject
                + "\",\"iat\":" + now + ",\"exp\":" + expires.getEpochSecond() + "}";
        String body = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + b64.encodeToString(signer.sign());
    }
}
