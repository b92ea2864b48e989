package org.atrium.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Signs RS256 access tokens for the benchmark's accounts. The server under test verifies them locally with
 * {@code quarkus.oidc.public-key} (the base64 DER public key) and {@code quarkus.oidc.token.issuer}, so thousands of
 * accounts need no identity provider.
 */
final class BenchTokens {

    static final String ISSUER = "https://bench.atrium.invalid";

    private final KeyPair keys;

    private BenchTokens(KeyPair keys) {
        this.keys = keys;
    }

    static BenchTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new BenchTokens(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys saved by {@link #privateKeyBase64()} / {@link #publicKeyBase64()}. */
    static BenchTokens load(String privateBase64, String publicBase64) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey priv = rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateBase64)));
            PublicKey pub = rsa.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(publicBase64)));
            return new BenchTokens(new KeyPair(pub, priv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    }

    /** A token for {@code subject}, valid for {@code seconds}. */
    String token(String subject, String name, long seconds) {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"preferred_username\":\"" + subject
                + "\",\"name\":\"" + name + "\",\"groups\":[\"user\"],\"iat\":" + now + ",\"exp\":" + (now + seconds)
                + "}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens for {@code prefix0..prefix(count-1)}, signed in parallel. */
    List<String> tokens(String prefix, int count, long seconds) {
        return IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> token(prefix + i, "Bench " + i, seconds))
                .toList();
    }
}
