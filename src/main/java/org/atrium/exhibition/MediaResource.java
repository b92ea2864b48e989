package org.atrium.exhibition;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.common.DomainException;
import org.atrium.common.Problem;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A work's files: uploaded as the request body (whatever its declared type: the bytes are sniffed), served with a
 * strong ETag, long-lived caching for published galleries (a media id never changes its bytes), byte ranges for audio
 * and video, and a {@code Content-Disposition} the server writes itself (never the uploader's file name).
 */
@Path("/api/events/{slug}")
class MediaResource {

    /** Cache headers: a published gallery's files are the same forever under their URL. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    static final String PRIVATE = "private, max-age=300";

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    @Inject
    MediaUploads uploads;

    @Inject
    Exhibitions exhibitions;

    @Inject
    Events events;

    @Inject
    MediaStore store;

    @Inject
    EntityManager em;

    /**
     * Adds a file to the work (its curators and artists): an image (PNG or JPEG, with {@code alt}, kept in three
     * sizes), audio, video or a PDF. The body is the file itself.
     */
    @POST
    @Path("works/{id}/media")
    @Authenticated
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MediaView.class)))
    public Response upload(
            @PathParam("slug") String slug,
            @PathParam("id") long id,
            @QueryParam("alt") String alt,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body) {
        MediaView view = uploads.upload(slug, id, alt, length, body);
        return Response.created(URI.create(view.urls().values().iterator().next()))
                .entity(view)
                .build();
    }

    @DELETE
    @Path("media/{id}")
    @Authenticated
    @Transactional
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = exhibitions.seen(slug);
        Media media = events.inEvent(Media.class, "media", event, id);
        exhibitions.editableWork(event, media.work.id);
        uploads.discard(media);
        return Response.noContent().build();
    }

    /**
     * A stored file as it was made at upload: {@code thumb}, {@code medium} or {@code large} for an image,
     * {@code original} for the rest. {@code Range: bytes=a-b} answers 206 with that slice; several ranges or a range
     * outside the file answer 416.
     */
    @GET
    @Path("media/{id}/{variant}")
    @PermitAll
    @Transactional
    @Produces(MediaType.WILDCARD)
    public Response get(
            @PathParam("slug") String slug,
            @PathParam("id") long id,
            @PathParam("variant") String name,
            @HeaderParam("Range") String range,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @HeaderParam("If-Range") String ifRange) {
        // the common case in one read: a file of a published gallery of a published event, which anyone may see (a
        // gallery page loads forty thumbnails; the full checks below cost several reads each)
        Stored v = shared(slug, id, name);
        if (v == null) {
            Event event = exhibitions.seen(slug);
            Media media = events.inEvent(Media.class, "media", event, id);
            boolean curates = exhibitions.curates(event);
            if (!exhibitions.mayEdit(media.work, curates)) {
                exhibitions.requireEntry(media.work.gallery, false);
            }
            Media.Variant variant = media.variant(name).orElseThrow(() -> DomainException.notFound("media"));
            v = new Stored(
                    media.work.id,
                    variant.mediaType,
                    variant.size,
                    variant.sha256,
                    variant.storeKey,
                    event.status != Event.Status.DRAFT
                            && media.work.gallery.visibility == Gallery.Visibility.PUBLISHED);
        }
        String etag = "\"" + v.sha256().substring(0, 32) + "\"";
        String filename = "work-" + v.workId() + "-" + id + "-" + name + "." + MediaTypes.extension(v.mediaType());
        Response.ResponseBuilder builder;
        if (ifNoneMatch != null
                && (ifNoneMatch.equals(etag) || ifNoneMatch.strip().equals("*"))) {
            builder = Response.notModified();
        } else if (range != null && (ifRange == null || ifRange.equals(etag))) {
            Matcher m = RANGE.matcher(range.strip());
            long[] slice = m.matches() ? slice(m.group(1), m.group(2), v.size()) : null;
            if (slice == null) {
                return Response.status(416)
                        .type(Problem.PROBLEM_JSON)
                        .header("Content-Range", "bytes */" + v.size())
                        .entity(Problem.of(new DomainException(
                                416,
                                "media.range-not-satisfiable",
                                "Send one range within the file's " + v.size() + " bytes, as bytes=first-last.",
                                Map.of("size", v.size()))))
                        .build();
            }
            long length = slice[1] - slice[0] + 1;
            builder = Response.status(206)
                    .entity(stream(store.read(v.storeKey(), slice[0], length)))
                    .type(v.mediaType())
                    .header(HttpHeaders.CONTENT_LENGTH, length)
                    .header("Content-Range", "bytes " + slice[0] + "-" + slice[1] + "/" + v.size());
        } else {
            builder = Response.ok(stream(store.read(v.storeKey(), 0, v.size())), v.mediaType())
                    .header(HttpHeaders.CONTENT_LENGTH, v.size());
        }
        return builder.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, v.shared() ? IMMUTABLE : PRIVATE)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .build();
    }

    /**
     * The stored bytes, copied to the response as they are read from the store (a video is never held whole in
     * memory). The store was asked before the response began, so one that is down answers 503, not a cut body.
     */
    private static StreamingOutput stream(InputStream in) {
        return out -> {
            try (in) {
                in.transferTo(out);
            }
        };
    }

    /** What serving a stored file needs; {@code shared}: anyone may see it, so shared caches may keep it. */
    record Stored(long workId, String mediaType, long size, String sha256, String storeKey, boolean shared) {}

    /** The variant when it is in a published gallery of a published event (anyone may see it), else null. */
    private Stored shared(String slug, long id, String name) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select m.work_id, v.media_type, v.size, v.sha256, v.store_key"
                        + " from media m join event e on e.id = m.event_id join work w on w.id = m.work_id"
                        + " join gallery g on g.id = w.gallery_id"
                        + " join media_variant v on v.media_id = m.id and v.name = ?3"
                        + " where m.id = ?1 and e.slug = ?2 and e.status <> 'DRAFT' and g.visibility = 'PUBLISHED'")
                .setParameter(1, id)
                .setParameter(2, slug)
                .setParameter(3, name)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.getFirst();
        return new Stored(
                ((Number) r[0]).longValue(),
                (String) r[1],
                ((Number) r[2]).longValue(),
                (String) r[3],
                (String) r[4],
                true);
    }

    /** The first and last byte of a single range in a file of {@code size} bytes, or null when it is unsatisfiable. */
    static long[] slice(String first, String last, long size) {
        try {
            if (first.isEmpty() && last.isEmpty()) {
                return null;
            }
            if (first.isEmpty()) { // the last n bytes
                long n = Long.parseLong(last);
                if (n == 0 || size == 0) {
                    return null;
                }
                return new long[] {Math.max(0, size - n), size - 1};
            }
            long a = Long.parseLong(first);
            long b = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (a >= size || a > b) {
                return null;
            }
            return new long[] {a, b};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
