package org.atrium.common;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * An uploaded image as {@link Images} re-encoded it, kept in PostgreSQL. A row never changes: a new upload is a new
 * row (and the old one is deleted by its owner), so the id is a version that clients may cache forever. Owners (a
 * speaker's photo, an event's logo) keep its id and serve it through their own endpoint, which applies their
 * visibility rules; this class only writes the response.
 */
@Entity
@Table(name = "stored_image")
public class StoredImage extends IdentifiedEntity {

    /** For a URL that names the image's id ({@code ?v=}): the bytes behind it never change. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** For a published owner's image under its plain URL: may change with the next upload. */
    public static final String PUBLIC = "public, max-age=300, must-revalidate";

    /** For a draft event's images: seen by its organisers only, never stored by shared caches. */
    public static final String PRIVATE = "private, no-cache";

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(nullable = false)
    public byte[] bytes;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Stores a re-encoded image (persisted; the caller's transaction). */
    public static StoredImage store(Images.Processed image, Instant now) {
        StoredImage row = new StoredImage();
        row.mediaType = image.format().mediaType;
        row.bytes = image.bytes();
        row.width = image.width();
        row.height = image.height();
        row.sha256 = image.sha256();
        row.createdAt = now;
        row.persist();
        return row;
    }

    /** Deletes the image with this id, if any (an owner dropping or replacing its image). */
    public static void discard(Long id) {
        if (id != null) {
            deleteById(id);
        }
    }

    /**
     * How an owner serves its image: the image {@code imageId} (404 {@code what} when there is none), cached for good
     * when the request names that version ({@code ?v=}), for a while under its plain URL, and never by shared caches
     * while the owner's event is a {@code draft}. Visibility is the owner's to check first.
     */
    public static Response serve(Long imageId, Long version, boolean draft, Request request, String what) {
        StoredImage image = imageId == null ? null : findById(imageId);
        if (image == null) {
            throw DomainException.notFound(what);
        }
        String cache = draft ? PRIVATE : imageId.equals(version) ? IMMUTABLE : PUBLIC;
        return image.response(request, cache);
    }

    /**
     * The image with its own media type, a strong ETag (its content hash; {@code If-None-Match} answers 304),
     * {@code cacheControl}, {@code X-Content-Type-Options: nosniff} and an inline disposition.
     */
    private Response response(Request request, String cacheControl) {
        EntityTag tag = new EntityTag(sha256.substring(0, 32));
        Response.ResponseBuilder notModified = request == null ? null : request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified : Response.ok(bytes, mediaType);
        return builder.tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline")
                .build();
    }
}
