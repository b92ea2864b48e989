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
import org.atrium.common.IdentifiedEntity;
import org.atrium.event.Event;

/**
 * A person on an event's programme. May be linked to an account (OIDC subject, or a verified email claimed at first
 * sign-in); a linked speaker edits their own profile and moderates their sessions' live rooms.
 */
@Entity
@Table(name = "speaker")
public class Speaker extends IdentifiedEntity {

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

    @Column(name = "photo_url")
    public String photoUrl;

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

    public boolean isAccount(String subject) {
        return subject != null && subject.equals(accountSubject);
    }
}
