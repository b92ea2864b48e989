package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The default {@link MediaStore}: objects in PostgreSQL ({@code media_object}), so a deployment has one thing to back
 * up. Range reads ask PostgreSQL for the slice ({@code substring} on {@code bytea}), not the whole object.
 */
@ApplicationScoped
class DatabaseMediaStore implements MediaStore {

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
    public byte[] read(String key, long offset, int length) {
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
