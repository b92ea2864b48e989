package org.atrium.exhibition;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atrium.common.IdentifiedEntity;
import org.atrium.event.Event;

/**
 * A file of a work: an image (with its alt text, kept as responsive sizes), audio, video or a PDF document (kept as
 * uploaded, after its type was sniffed). A row never changes: a new upload is a new row, so its id names a version.
 */
@Entity
@Table(name = "media")
public class Media extends IdentifiedEntity {

    public enum Kind {
        IMAGE,
        AUDIO,
        VIDEO,
        DOCUMENT
    }

    /** One stored file of the media item: {@code original}, or an image size ({@code thumb}, {@code medium}, ...). */
    @Embeddable
    public static class Variant {
        @Column(nullable = false)
        public String name;

        @Column(name = "media_type", nullable = false)
        public String mediaType;

        @Column(nullable = false)
        public long size;

        @Column(nullable = false)
        public String sha256;

        public Integer width;
        public Integer height;

        @Column(name = "store_key", nullable = false)
        public String storeKey;
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "work_id")
    public Work work;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "alt_text")
    public String altText;

    public Integer width;
    public Integer height;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "media_variant", joinColumns = @JoinColumn(name = "media_id"))
    public List<Variant> variants = new ArrayList<>();

    public Optional<Variant> variant(String name) {
        return variants.stream().filter(v -> v.name.equals(name)).findFirst();
    }
}
