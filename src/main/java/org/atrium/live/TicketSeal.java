package org.atrium.live;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Seals a live ticket's contents (AES-256-GCM) with a key every node shares, so any node can open a ticket another
 * minted, without asking anyone, and nobody can forge or read one: a ticket travels in a URL, where proxies log it, and
 * must not show the account's name there. The key is made by the first node that starts and kept in {@code
 * cluster_secret}; a node reads it once at start.
 */
@ApplicationScoped
class TicketSeal {

    private static final String KEY_NAME = "live-ticket-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    @Inject
    DataSource dataSource;

    TicketSeal() {}

    /** A seal with a key of its own (tests of the ticket rules that need no database). */
    TicketSeal(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    void load(@Observes StartupEvent startup) {
        if (key != null) {
            return;
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into cluster_secret (name, value) values (?, ?) on conflict (name) do nothing")) {
                insert.setString(1, KEY_NAME);
                insert.setBytes(2, fresh);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("select value from cluster_secret where name = ?")) {
                select.setString(1, KEY_NAME);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    key = new SecretKeySpec(rows.getBytes(1), "AES");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the live ticket key cannot be read: " + e.getMessage(), e);
        }
    }

    byte[] seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contents, or empty when the bytes were not sealed with this key or were altered. */
    Optional<byte[]> open(byte[] sealed) {
        if (sealed.length <= NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return Optional.of(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
