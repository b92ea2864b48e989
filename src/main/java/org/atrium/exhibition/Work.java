package org.atrium.exhibition;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import org.atrium.common.IdentifiedEntity;
import org.atrium.event.Event;

/** A work of art shown in a gallery, with its artists (an artist linked to an account may edit the work). */
@Entity
@Table(name = "work")
public class Work extends IdentifiedEntity {

    /** An artist as credited; {@code accountSubject} links the account that may edit the work. */
    @Embeddable
    public static class Artist {
        @Column(nullable = false)
        public String name;

        @Column(name = "account_subject")
        public String accountSubject;

        public Artist() {}

        Artist(String name, String accountSubject) {
            this.name = name;
            this.accountSubject = accountSubject;
        }
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "gallery_id")
    public Gallery gallery;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String title;

    public Integer year;
    public String medium;
    public String dimensions;
    public String description;
    public String credits;

    @Column(name = "content_warning")
    public String contentWarning;

    @Column(name = "stream_url")
    public String streamUrl;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "work_artist", joinColumns = @JoinColumn(name = "work_id"))
    @OrderColumn(name = "position")
    public List<Artist> artists = new ArrayList<>();

    @Version
    public long version;

    public boolean isArtist(String subject) {
        return subject != null && artists.stream().anyMatch(a -> subject.equals(a.accountSubject));
    }
}
