package org.atrium.exhibition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Images;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.jboss.logging.Logger;

/**
 * Adding a file to a work, as one use case: refused before reading when the declared length is over the per-file
 * limit or the event's remaining quota; read with the limit counted (a body that runs over is refused as it is read, a
 * body that ends early stores nothing); its type sniffed from its bytes; an image decoded once and re-encoded into
 * its sizes outside any transaction (metadata such as GPS gone, decompression bombs refused from the header before
 * decoding); then checked again and written in one short transaction, files and rows together.
 */
@ApplicationScoped
class MediaUploads {

    private static final Logger LOG = Logger.getLogger(MediaUploads.class);

    /** Bytes of an upload's beginning kept in memory for sniffing its type. */
    static final int HEAD = 64 * 1024;

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

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A file ready to store: its kind, dimensions (images) and variants with their bytes. */
    private record Prepared(Media.Kind kind, Integer width, Integer height, List<Ready> variants) {
        long bytes() {
            return variants.stream().mapToLong(Ready::size).sum();
        }
    }

    /** One variant to store: made in memory (an image size) or the upload itself, in its temporary file. */
    private record Ready(
            String name,
            String mediaType,
            byte[] bytes,
            Path file,
            long size,
            String sha256,
            Integer width,
            Integer height) {

        static Ready of(String name, String mediaType, byte[] bytes, String sha256, Integer width, Integer height) {
            return new Ready(name, mediaType, bytes, null, bytes.length, sha256, width, height);
        }
    }

    /**
     * An upload received into a temporary file (deleted on {@link #close()}), with its size, SHA-256 and first
     * {@link #HEAD} bytes, from which its type is sniffed: however large, it is never held whole in memory.
     */
    record Received(Path file, long size, String sha256, byte[] head) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf(e, "Could not delete the upload's temporary file %s", file);
            }
        }
    }

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
        try (Received received =
                receive(body, limit, declaredLength, config.uploadDirectory().orElse(null))) {
            Prepared prepared = prepare(received, alt);
            return QuarkusTransaction.requiringNew().call(() -> store(slug, workId, alt, prepared));
        }
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
        MediaTypes.Sniffed sniffed = MediaTypes.sniff(image);
        return store(event, work, alt, prepareImage(image, sniffed, alt));
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
            v.size = r.size();
            v.sha256 = r.sha256();
            v.width = r.width();
            v.height = r.height();
            v.storeKey = prefix + r.name();
            // a store outside the database: the object goes again if the rows do not commit (known before the put,
            // which may have stored it even when it failed)
            afterCompletion(false, v.storeKey);
            if (r.file() != null) {
                store.put(v.storeKey, v.mediaType, r.file());
            } else {
                store.put(v.storeKey, v.mediaType, r.bytes());
            }
            media.variants.add(v);
        }
        media.persistAndFlush();
        return MediaView.of(media, event.slug);
    }

    /**
     * Deletes a media item's files and row (the caller's transaction). A store outside the database deletes the files
     * once the row's deletion has committed, so a rollback never leaves a row without its files.
     */
    void discard(Media media) {
        for (Media.Variant v : media.variants) {
            if (store.transactional()) {
                store.delete(v.storeKey);
            } else {
                afterCompletion(true, v.storeKey);
            }
        }
        media.delete();
    }

    /**
     * For a store outside the database: deletes the object when the current transaction commits ({@code onCommit})
     * or when it does not. A failure to delete is logged: the object is then an orphan, never a row without its file.
     */
    private void afterCompletion(boolean onCommit, String key) {
        if (store.transactional()) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) != onCommit) {
                    return;
                }
                try {
                    store.delete(key);
                } catch (RuntimeException e) {
                    LOG.errorf(
                            "Could not delete the media object %s: it is left in the store unreferenced (%s)",
                            key, e.getMessage());
                }
            }
        });
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

    static DomainException tooLarge(long limit, long size) {
        return new DomainException(
                413,
                "media.too-large",
                "A file may be at most " + limit + " bytes; this one has " + size + ".",
                Map.of("limit", limit, "size", size));
    }

    /**
     * The body, streamed into a temporary file with the limit counted as it arrives (a body sent without a length, or
     * longer than it said, is refused once it passes the limit). A body that ends before its declared length, or a
     * connection that drops, is {@code upload.incomplete}: nothing is stored, and the temporary file is gone.
     */
    static Received receive(InputStream body, long limit, Long declaredLength) {
        return receive(body, limit, declaredLength, null);
    }

    /** {@link #receive(InputStream, long, Long)} into {@code directory} (null: the system's temp directory). */
    static Received receive(InputStream body, long limit, Long declaredLength, Path directory) {
        if (body == null) {
            throw new DomainException(400, "upload.empty", "The upload is empty: send the file as the body.");
        }
        Path file;
        try {
            if (directory == null) {
                file = Files.createTempFile("atrium-upload-", ".part");
            } else {
                Files.createDirectories(directory);
                file = Files.createTempFile(directory, "atrium-upload-", ".part");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MessageDigest sha256 = sha256();
        byte[] head = new byte[(int) Math.min(HEAD, limit)];
        int headLength = 0;
        long total = 0;
        try (body;
                OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit, total);
                }
                if (headLength < head.length) {
                    int copy = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, copy);
                    headLength += copy;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof DomainException d) {
                throw d;
            }
            throw incomplete(declaredLength, total);
        }
        if ((declaredLength != null && total != declaredLength) || total == 0) {
            deleteQuietly(file);
            if (total == 0) {
                throw new DomainException(400, "upload.empty", "The upload is empty: send the file as the body.");
            }
            throw incomplete(declaredLength, total);
        }
        return new Received(file, total, HexFormat.of().formatHex(sha256.digest()), Arrays.copyOf(head, headLength));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the upload's temporary file %s", file);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * Sniffs, checks and (images) re-encodes into the sizes: CPU work, outside any transaction. Audio, video and PDF
     * stay in their temporary file until the store reads them from it.
     */
    private Prepared prepare(Received received, String alt) {
        MediaTypes.Sniffed sniffed = MediaTypes.sniff(received.head());
        if (sniffed.kind() != Media.Kind.IMAGE) {
            return new Prepared(
                    sniffed.kind(),
                    null,
                    null,
                    List.of(new Ready(
                            "original",
                            sniffed.mediaType(),
                            null,
                            received.file(),
                            received.size(),
                            received.sha256(),
                            null,
                            null)));
        }
        checkAlt(alt);
        // an image is decoded in memory anyway: bounded by the per-file limit and, before decoding, its pixels
        byte[] data;
        try {
            data = Files.readAllBytes(received.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prepareImage(data, sniffed, alt);
    }

    private static void checkAlt(String alt) {
        if (alt == null || alt.isBlank()) {
            throw DomainException.invalid(
                    "media.alt-required",
                    "An image needs its alt text (?alt=): what it shows, for visitors who cannot see it.");
        }
        if (alt.length() > 1000) {
            throw DomainException.invalid("media.alt-too-long", "Alt text may be at most 1000 characters.");
        }
    }

    private Prepared prepareImage(byte[] data, MediaTypes.Sniffed sniffed, String alt) {
        if (sniffed.kind() != Media.Kind.IMAGE) {
            throw new IllegalArgumentException("not an image: " + sniffed.mediaType());
        }
        checkAlt(alt);
        Images.Limits limits = new Images.Limits(
                (int) Math.min(Integer.MAX_VALUE, config.mediaMaxBytes()), bounds.imageMaxPixels(), 1600);
        Map<String, Images.Processed> sizes = Images.sizes(data, limits, SIZES);
        List<Ready> variants = new ArrayList<>();
        sizes.forEach((name, p) ->
                variants.add(Ready.of(name, p.format().mediaType, p.bytes(), p.sha256(), p.width(), p.height())));
        Images.Processed large = sizes.get("large");
        return new Prepared(Media.Kind.IMAGE, large.width(), large.height(), variants);
    }
}
