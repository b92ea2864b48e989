package org.atrium.exhibition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.hibernate.Session;

/**
 * The default {@link MediaStore}: objects in PostgreSQL ({@code media_object}), so a deployment has one thing to back
 * up. An upload is streamed from its temporary file into the insert; reads ask PostgreSQL for slices ({@code
 * substring} on {@code bytea}) of at most {@link #CHUNK} bytes, so serving a video never holds it whole in memory.
 */
@ApplicationScoped
@Typed(DatabaseMediaStore.class) // the MediaStore in use is MediaStores' choice
class DatabaseMediaStore implements MediaStore {

    /** Bytes read from PostgreSQL at a time when serving. */
    static final int CHUNK = 1024 * 1024;

    @Inject
    EntityManager em;

    @Override
    public void put(String key, String mediaType, byte[] bytes) {
        em.createNativeQuery("insert into media_object (store_key, bytes) values (?1, ?2)")
                .setParameter(1, key)
                .setParameter(2, bytes)
                .executeUpdate();
    }

    @Override
    public void put(String key, String mediaType, Path file) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert =
                            connection.prepareStatement("insert into media_object (store_key, bytes) values (?, ?)");
                    InputStream in = Files.newInputStream(file)) {
                insert.setString(1, key);
                insert.setBinaryStream(2, in, Files.size(file));
                insert.executeUpdate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public InputStream read(String key, long offset, long length) {
        return new InputStream() {
            private long next = offset;
            private final long end = offset + length;
            private byte[] chunk = slice(key, next, (int) Math.min(CHUNK, length));
            private int at;

            {
                next += chunk.length;
            }

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == chunk.length) {
                    if (next >= end) {
                        return -1;
                    }
                    // a later slice, in a transaction of its own when the response is written after the resource's
                    chunk = QuarkusTransaction.joiningExisting()
                            .call(() -> slice(key, next, (int) Math.min(CHUNK, end - next)));
                    if (chunk.length == 0) {
                        return -1;
                    }
                    next += chunk.length;
                    at = 0;
                }
                int n = Math.min(len, chunk.length - at);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private byte[] slice(String key, long offset, int length) {
        return (byte[]) em.createNativeQuery(
                        "select substring(bytes from cast(?2 as integer) for cast(?3 as integer)) from media_object"
                                + " where store_key = ?1")
                .setParameter(1, key)
                .setParameter(2, offset + 1)
                .setParameter(3, length)
                .getSingleResult();
    }

    @Override
    public void delete(String key) {
        em.createNativeQuery("delete from media_object where store_key = ?1")
                .setParameter(1, key)
                .executeUpdate();
    }

    @Override
    public boolean transactional() {
        return true;
    }
}
