package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.atrium.common.SecretTokens;

/**
 * The secret behind a personal feed URL: 256 random bits, given to the owner once (base64url, 43 characters) and
 * stored only as a SHA-256 hash, so a database leak does not expose live feed URLs. Rotating issues a new token and
 * kills the old one; revoking kills it without a replacement.
 */
@ApplicationScoped
class FeedTokens {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    record Issued(String token, Instant createdAt) {}

    /** A new token for the account, replacing any earlier one. */
    @Transactional
    Issued rotate(String subject) {
        String token = SecretTokens.fresh();
        Instant now = clock.instant();
        // one statement, so two concurrent rotations leave exactly one live token (the last one)
        em.createNativeQuery("insert into calendar_feed (subject, token_hash, created_at) values (?1, ?2, ?3)"
                        + " on conflict (subject) do update set token_hash = excluded.token_hash,"
                        + " created_at = excluded.created_at")
                .setParameter(1, subject)
                .setParameter(2, SecretTokens.hash(token))
                .setParameter(3, now)
                .executeUpdate();
        return new Issued(token, now);
    }

    @Transactional
    boolean revoke(String subject) {
        return CalendarFeed.delete("subject", subject) > 0;
    }

    Optional<CalendarFeed> of(String subject) {
        return CalendarFeed.find("subject", subject).firstResultOptional();
    }

    /** The account a token belongs to, if it is live. */
    Optional<String> owner(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return CalendarFeed.<CalendarFeed>find("tokenHash", SecretTokens.hash(token))
                .firstResultOptional()
                .map(f -> f.subject);
    }
}
