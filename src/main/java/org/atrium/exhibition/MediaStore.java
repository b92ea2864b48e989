package org.atrium.exhibition;

/**
 * Where the exhibition's files are kept, by key. {@link DatabaseMediaStore} (the default) writes inside the caller's
 * transaction, so an upload that fails leaves nothing behind; a store outside the database ({@link #transactional()}
 * false) is written before the rows are committed and its objects are deleted again when the commit fails.
 */
public interface MediaStore {

    /** Stores {@code bytes} under {@code key} (a new key each time: objects never change). */
    void put(String key, String mediaType, byte[] bytes);

    /** {@code length} bytes of the object from {@code offset} (the caller checked the range against its size). */
    byte[] read(String key, long offset, int length);

    /** Deletes the object, if any. */
    void delete(String key);

    /** Whether {@link #put} joins the caller's database transaction. */
    boolean transactional();
}
