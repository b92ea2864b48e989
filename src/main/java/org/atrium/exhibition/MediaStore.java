package org.atrium.exhibition;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the exhibition's files are kept, by key: {@link DatabaseMediaStore} (the default) or {@link S3MediaStore},
 * chosen by {@code atrium.media.store} ({@link MediaStores}). The database store writes inside the caller's
 * transaction, so an upload that fails leaves nothing behind; a store outside the database ({@link #transactional()}
 * false) is written before the rows are committed and its objects are deleted again when the commit fails.
 */
public interface MediaStore {

    /** Stores {@code bytes} under {@code key} (a new key each time: objects never change). */
    void put(String key, String mediaType, byte[] bytes);

    /** Stores the file's content under {@code key}, streamed from disk (an upload is never held whole in memory). */
    void put(String key, String mediaType, Path file);

    /**
     * {@code length} bytes of the object from {@code offset} (the caller checked the range against its size), as a
     * stream the caller closes. A store that does not answer fails here, before anything is sent.
     */
    InputStream read(String key, long offset, long length);

    /** Deletes the object, if any. */
    void delete(String key);

    /** Whether {@link #put} and {@link #delete} join the caller's database transaction. */
    boolean transactional();
}
