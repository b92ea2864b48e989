package org.atrium.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.atrium.common.IdentifiedEntity;

/**
 * A person who has signed in: one row per identity (issuer and subject), holding the display data of the latest token
 * seen ({@link AccountRecorder} keeps it current). Rights are keyed by subject elsewhere; this row is what turns a
 * subject into a name.
 */
@Entity
@Table(name = "account")
public class Account extends IdentifiedEntity {

    @Column(nullable = false)
    public String issuer;

    @Column(nullable = false)
    public String subject;

    public String name;

    @Column(name = "preferred_username")
    public String preferredUsername;

    public String email;

    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    /** What to call this person: the name claim, else the user name, else the e-mail address. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (preferredUsername != null && !preferredUsername.isBlank()) {
            return preferredUsername;
        }
        return email;
    }
}
