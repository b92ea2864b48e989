package org.atrium.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.atrium.cluster.ClusterMessage;
import org.atrium.cluster.ClusterResync;

/**
 * Public bodies (the programme, its viewer-zone variants, the schedule feeds, the anonymous event list) kept rendered
 * in memory, so that serving one costs no database round trip. Every rendering is stored under the generation that
 * was current before its data was read, and served only while that generation is still current. A committed change
 * to any {@link PublishedEntity} moves the generation ({@link PublishedChanges}, then {@link #changed()}) before the
 * changing request's response is written; a rendering whose reads raced with that commit carries the older generation
 * and is never served. A change drops every rendering, of every event: edits are rare next to reads, and one rule
 * cannot miss a dependency (an event's title is in its feeds and in the event list). At most
 * {@link Bounds#publicRenderings()} bodies and {@link Bounds#publicRenderingsBytes()} bytes are held; when full, all
 * are dropped and rebuilt on demand, and a body larger than the byte bound is sent but never kept.
 */
@ApplicationScoped
public class PublicRenderings {

    /** A body as sent: its bytes, media type and strong ETag value (unquoted). */
    public record Rendered(byte[] body, String mediaType, String tag) {

        public static Rendered of(byte[] body, String mediaType) {
            return new Rendered(body, mediaType, sha256(body));
        }
    }

    private record Entry(long generation, Rendered rendered) {}

    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Bytes of the bodies in {@link #entries}; guarded by {@code this}. */
    private long bytes;

    @Inject
    Bounds bounds;

    /**
     * The rendering under {@code key}, or {@code render}'s; the latter is kept when {@code render} says it may be
     * shared (it returns null for bodies only its caller may see, which are sent but not kept).
     */
    public Rendered get(String key, Supplier<Shareable> render) {
        long current = generation.get();
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == current) {
            return entry.rendered();
        }
        Shareable made = render.get();
        if (made.shared()) {
            keep(key, new Entry(current, made.rendered()));
        }
        return made.rendered();
    }

    /** Misses are rare next to hits, so keeping takes a lock and serving does not. */
    private synchronized void keep(String key, Entry entry) {
        long size = entry.rendered().body().length;
        if (size > bounds.publicRenderingsBytes()) {
            return;
        }
        if (entries.size() >= bounds.publicRenderings() || bytes + size > bounds.publicRenderingsBytes()) {
            entries.clear();
            bytes = 0;
        }
        Entry old = entries.put(key, entry);
        bytes += size - (old == null ? 0 : old.rendered().body().length);
    }

    /**
     * The current generation: it moves with every committed change of published data, here or (once its notification
     * arrives) on another node. Something derived from such data and read after this value was taken may be kept under
     * it and used while it is still current (the live rooms' admission facts do).
     */
    public long generation() {
        return generation.get();
    }

    /** How many bodies are kept now (for tests that check what a request leaves behind). */
    public int kept() {
        return entries.size();
    }

    /** A fresh rendering and whether anyone may be sent it (a published event's) or only this caller (a draft's). */
    public record Shareable(Rendered rendered, boolean shared) {}

    /** The topic of the cluster message that {@link PublishedChanges} sends with every change it commits. */
    static final String TOPIC = "renderings";

    /**
     * Published data changed here (the other nodes hear it from the same transaction's notification, sent by {@link
     * PublishedChanges}): no rendering held now is served again.
     */
    public void changed() {
        dropLocal();
    }

    /** Another node committed a change to published data. */
    void onOtherNode(@Observes ClusterMessage message) {
        if (TOPIC.equals(message.topic())) {
            dropLocal();
        }
    }

    /** This node may have missed other nodes' changes while it was not listening. */
    void onResync(@Observes ClusterResync resync) {
        dropLocal();
    }

    /** No rendering held now is served again (published data changed here or on another node). */
    public void dropLocal() {
        generation.incrementAndGet();
        synchronized (this) {
            entries.clear();
            bytes = 0;
        }
    }

    /** SHA-256 of {@code body}, base64url: a strong ETag value. */
    public static String sha256(byte[] body) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
