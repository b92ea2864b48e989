package org.atrium.exhibition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Images;
import org.atrium.event.Event;
import org.atrium.event.Events;

/**
 * Adding a file to a work, as one use case: refused before reading when the declared length is over the per-file
 * limit or the event's remaining quota; read with the limit counted (a body that runs over is refused as it is read, a
 * body that ends early stores nothing); its type sniffed from its bytes; an image decoded once and re-encoded into
 * its sizes outside any transaction (metadata such as GPS gone, decompression bombs refused from the header before
 * decoding); then checked again and written in one short transaction, files and rows together.
 */
@ApplicationScoped
class MediaUploads {

    /** The image sizes made at upload, by the longer side in pixels; served as stored, never re-encoded per request. */
    static final Map<String, Integer> SIZES = sizes();

    private static Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("thumb", 320);
        sizes.put("medium", 800);
        sizes.put("large", 1600);
        return sizes;
    }

    @Inject
    Exhibitions exhibitions;

    @Inject
    Events events;

    @Inject
    MediaStore store;

    @Inject
    ExhibitionConfig config;

    @Inject
    Bounds bounds;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** A file ready to store: its kind, dimensions (images) and variants with their bytes. */
    private record Prepared(Media.Kind kind, Integer width, Integer height, List<Ready> variants) {
        long bytes() {
            return variants.stream().mapToLong(v -> v.bytes.length).sum();
        }
    }

    private record Ready(String name, String mediaType, byte[] bytes, String sha256, Integer width, Integer height) {}

    MediaView upload(String slug, long workId, String alt, Long declaredLength, InputStream body) {
        long limit = config.mediaMaxBytes();
        if (declaredLength != null && declaredLength > limit) {
            throw tooLarge(limit, declaredLength);
        }
        // who may, and whether the event has room for what is declared, before a byte is read
        QuarkusTransaction.requiringNew().run(() -> {
            Event event = exhibitions.seen(slug);
            exhibitions.editableWork(event, workId);
            checkQuota(event, declaredLength == null ? 0 : declaredLength);
        });
        byte[] data = read(body, limit, declaredLength);
        Prepared prepared = prepare(data, alt);
        return QuarkusTransaction.requiringNew().call(() -> store(slug, workId, alt, prepared));
    }

    private MediaView store(String slug, long workId, String alt, Prepared prepared) {
        Event event = exhibitions.seen(slug);
        Work work = exhibitions.editableWork(event, workId);
        return store(event, work, alt, prepared);
    }

    /**
     * Adds an image the server itself made (the demo's works) through the same checks and sizes as an upload, in the
     * caller's transaction.
     */
    MediaView addTrusted(Event event, Work work, String alt, byte[] image) {
        return store(event, work, alt, prepare(image, alt));
    }

    private MediaView store(Event event, Work work, String alt, Prepared prepared) {
        events.lock(event); // serialises uploads to one event, so two cannot both pass the quota
        checkQuota(event, prepared.bytes());
        Media media = new Media();
        media.event = event;
        media.work = work;
        media.kind = prepared.kind();
        media.altText = alt == null || alt.isBlank() ? null : alt.strip();
        media.width = prepared.width();
        media.height = prepared.height();
        media.createdAt = Instant.now(clock);
        Integer last = em.createQuery("select max(m.position) from Media m where m.work.id = ?1", Integer.class)
                .setParameter(1, work.id)
                .getSingleResult();
        media.position = last == null ? 0 : last + 1;
        String prefix = "media/" + UUID.randomUUID() + "/";
        for (Ready r : prepared.variants()) {
            Media.Variant v = new Media.Variant();
            v.name = r.name();
            v.mediaType = r.mediaType();
            v.size = r.bytes().length;
            v.sha256 = r.sha256();
            v.width = r.width();
            v.height = r.height();
            v.storeKey = prefix + r.name();
            store.put(v.storeKey, v.mediaType, r.bytes());
            media.variants.add(v);
        }
        media.persistAndFlush();
        return MediaView.of(media, event.slug);
    }

    /** Deletes a media item's files and row (the caller's transaction). */
    void discard(Media media) {
        for (Media.Variant v : media.variants) {
            store.delete(v.storeKey);
        }
        media.delete();
    }

    void discardAll(Work work) {
        for (Media m : Media.<Media>list("work.id", work.id)) {
            discard(m);
        }
    }

    /** The bytes the event's files take now, image sizes included. */
    long used(Event event) {
        Number used = (Number) em.createNativeQuery(
                        "select coalesce(sum(v.size), 0) from media_variant v join media m on m.id = v.media_id"
                                + " where m.event_id = ?1")
                .setParameter(1, event.id)
                .getSingleResult();
        return used.longValue();
    }

    private void checkQuota(Event event, long adding) {
        long used = used(event);
        if (used + adding > config.eventMaxBytes()) {
            throw new DomainException(
                    413,
                    "media.event-quota",
                    "This event's files may take at most " + config.eventMaxBytes() + " bytes; " + used
                            + " are used and this upload needs " + adding + ".",
                    Map.of("limit", config.eventMaxBytes(), "used", used, "size", adding));
        }
    }

    private static DomainException tooLarge(long limit, long size) {
        return new DomainException(
                413,
                "media.too-large",
                "A file may be at most " + limit + " bytes; this one has " + size + ".",
                Map.of("limit", limit, "size", size));
    }

    /**
     * The body, read with the limit counted as it arrives (a body sent without a length, or longer than it said, is
     * refused once it passes the limit). A body that ends before its declared length, or a connection that drops,
     * is {@code upload.incomplete}: nothing is stored.
     */
    static byte[] read(InputStream body, long limit, Long declaredLength) {
        if (body == null) {
            throw new DomainException(400, "upload.empty", "The upload is empty: send the file as the body.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(limit, declaredLength == null ? 64 * 1024 : Math.max(0, declaredLength)));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (body) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit, total);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw incomplete(declaredLength, total);
        }
        if (declaredLength != null && total != declaredLength) {
            throw incomplete(declaredLength, total);
        }
        if (total == 0) {
            throw new DomainException(400, "upload.empty", "The upload is empty: send the file as the body.");
        }
        return out.toByteArray();
    }

    private static DomainException incomplete(Long declared, long received) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("received", received);
        if (declared != null) {
            details.put("declared", declared);
        }
        return new DomainException(
                400,
                "upload.incomplete",
                "The upload ended before the whole file arrived; nothing was stored.",
                details);
    }

    /** Sniffs, checks and (images) re-encodes into the sizes: CPU work, outside any transaction. */
    private Prepared prepare(byte[] data, String alt) {
        MediaTypes.Sniffed sniffed = MediaTypes.sniff(data);
        if (sniffed.kind() != Media.Kind.IMAGE) {
            return new Prepared(
                    sniffed.kind(),
                    null,
                    null,
                    List.of(new Ready("original", sniffed.mediaType(), data, Images.sha256(data), null, null)));
        }
        if (alt == null || alt.isBlank()) {
            throw DomainException.invalid(
                    "media.alt-required",
                    "An image needs its alt text (?alt=): what it shows, for visitors who cannot see it.");
        }
        if (alt.length() > 1000) {
            throw DomainException.invalid("media.alt-too-long", "Alt text may be at most 1000 characters.");
        }
        Images.Limits limits = new Images.Limits(
                (int) Math.min(Integer.MAX_VALUE, config.mediaMaxBytes()), bounds.imageMaxPixels(), 1600);
        Map<String, Images.Processed> sizes = Images.sizes(data, limits, SIZES);
        List<Ready> variants = new ArrayList<>();
        sizes.forEach((name, p) ->
                variants.add(new Ready(name, p.format().mediaType, p.bytes(), p.sha256(), p.width(), p.height())));
        Images.Processed large = sizes.get("large");
        return new Prepared(Media.Kind.IMAGE, large.width(), large.height(), variants);
    }
}
