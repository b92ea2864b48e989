package org.atrium.speaker;

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
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;
import org.atrium.common.PublishedEntity;
import org.atrium.event.Event;

/**
 * A person on an event's programme. May be linked to an account: by accepting an invitation (see
 * {@code invitation}), by an organiser picking an account that has signed in, or by claiming it with a verified
 * e-mail equal to {@link #accountEmail}. A linked speaker edits their own profile and moderates their sessions' live
 * rooms.
 */
@Entity
@Table(name = "speaker")
public class Speaker extends IdentifiedEntity implements PublishedEntity {

    @Embeddable
    public static class Link {
        public String label;

        @Column(nullable = false)
        public String url;

        public Link() {}

        public Link(String label, String url) {
            this.label = label;
            this.url = url;
        }
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Column(nullable = false)
    public String name;

    public String bio;
    public String affiliation;

    /** ISO 3166-1 alpha-2 */
    public String country;

    /** An external photo (http(s) URL) the organisers gave; an uploaded photo ({@link #photoImageId}) wins. */
    @Column(name = "photo_url")
    public String photoUrl;

    /** The uploaded photo ({@code org.atrium.common.StoredImage}), re-encoded; set through {@code .../photo}. */
    @Column(name = "photo_image_id")
    public Long photoImageId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "speaker_link", joinColumns = @JoinColumn(name = "speaker_id"))
    @OrderColumn(name = "position")
    public List<Link> links = new ArrayList<>();

    @Column(name = "account_subject")
    public String accountSubject;

    @Column(name = "account_email")
    public String accountEmail;

    @Version
    public long version;

    /**
     * The photo to show: the uploaded one, served under a URL that names its version, else the external
     * {@link #photoUrl}, else null.
     */
    public String photoLink(String eventSlug) {
        if (photoImageId != null) {
            return "/api/events/" + eventSlug + "/speakers/" + id + "/photo?v=" + photoImageId;
        }
        return photoUrl;
    }

    public boolean isAccount(String subject) {
        return subject != null && subject.equals(accountSubject);
    }

    /**
     * Links this profile to an account (replacing any earlier link). Refused with {@code speaker.account-taken} when
     * another speaker of the event is that account already: one person, one profile per event.
     */
    public void linkAccount(String subject) {
        if (isAccount(subject)) {
            return;
        }
        if (count("event.id = ?1 and accountSubject = ?2 and id <> ?3", event.id, subject, id == null ? -1L : id) > 0) {
            throw new DomainException(
                    409,
                    "speaker.account-taken",
                    "Another speaker of this event is already linked to this account.",
                    Map.of("field", "accountSubject"));
        }
        accountSubject = subject;
    }
}
