package org.atrium.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Keeps the {@link Account} of every identity that presents a token: created at its first request, updated when the
 * token's name, user name or e-mail claims change. Cheap on the hot path: the claims last written per identity are
 * remembered in memory, so a request whose claims are unchanged writes nothing (and does not leave the event loop).
 * The first request of an identity on a node (after a start, or on a node it never reached) reads the stored row and
 * writes only when a claim changed or the row was last seen more than {@link #SEEN_GRANULARITY} ago: a keynote's
 * thousands of known participants joining a freshly started node cost a read each, not a commit each. So
 * {@code last_seen_at} is exact to a day.
 */
@ApplicationScoped
class AccountRecorder implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(AccountRecorder.class);

    /** Past this many remembered identities the memory starts afresh (each one then costs one more write). */
    static final int REMEMBERED = 50_000;

    /** How stale {@code last_seen_at} may get before an unchanged identity's request writes it again. */
    static final java.time.Duration SEEN_GRANULARITY = java.time.Duration.ofDays(1);

    private static final String STORED = """
            select name, preferred_username, email, email_verified, last_seen_at from account
             where issuer = ? and subject = ?
            """;

    private static final String UPSERT = """
            insert into account (issuer, subject, name, preferred_username, email, email_verified, first_seen_at,
                                 last_seen_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (issuer, subject) do update
               set name = excluded.name, preferred_username = excluded.preferred_username, email = excluded.email,
                   email_verified = excluded.email_verified, last_seen_at = excluded.last_seen_at
            """;

    /** The display claims of one identity, as stored. */
    record Claims(
            String issuer, String subject, String name, String preferredUsername, String email, boolean emailVerified) {

        static Claims of(JsonWebToken jwt) {
            String issuer = jwt.getIssuer() == null ? "" : jwt.getIssuer();
            String email = text(jwt, "email", 320);
            return new Claims(
                    issuer,
                    jwt.getSubject(),
                    text(jwt, "name", 200),
                    text(jwt, "preferred_username", 200),
                    email,
                    email != null && "true".equals(String.valueOf((Object) jwt.getClaim("email_verified"))));
        }

        String key() {
            return issuer + '\n' + subject;
        }

        private static String text(JsonWebToken jwt, String claim, int max) {
            Object value = jwt.getClaim(claim);
            if (value == null || value.toString().isBlank()) {
                return null;
            }
            String s = value.toString().strip();
            return s.length() > max ? s.substring(0, max) : s;
        }
    }

    private final Map<String, Claims> recorded = new ConcurrentHashMap<>();

    /** Identities whose write failed, and when: retried after {@link #RETRY_AFTER}, not on every request meanwhile. */
    private final Map<String, Instant> failed = new ConcurrentHashMap<>();

    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(1);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        Claims claims = Claims.of(jwt);
        if (claims.equals(recorded.get(claims.key()))) {
            return Uni.createFrom().item(identity);
        }
        Instant failedAt = failed.get(claims.key());
        if (failedAt != null && failedAt.plus(RETRY_AFTER).isAfter(clock.instant())) {
            return Uni.createFrom()
                    .item(identity); // the database failed it a moment ago: no write, no worker per request
        }
        return context.runBlocking(() -> {
            record(claims);
            return identity;
        });
    }

    /** Writes the claims (the row is created or updated); a failure is logged, never a reason to refuse a caller. */
    void record(Claims claims) {
        try {
            Instant now = Instant.now(clock);
            // plain JDBC: typed nulls for absent claims, and no entity to load for a write that is mostly a no-op
            QuarkusTransaction.requiringNew()
                    .run(() -> em.unwrap(Session.class).doWork(connection -> {
                        if (storedAndRecent(connection, claims, now)) {
                            return;
                        }
                        try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
                            ps.setString(1, claims.issuer());
                            ps.setString(2, claims.subject());
                            ps.setString(3, claims.name());
                            ps.setString(4, claims.preferredUsername());
                            ps.setString(5, claims.email());
                            ps.setBoolean(6, claims.emailVerified());
                            ps.setObject(7, now.atOffset(ZoneOffset.UTC));
                            ps.setObject(8, now.atOffset(ZoneOffset.UTC));
                            ps.executeUpdate();
                        }
                    }));
            if (recorded.size() >= REMEMBERED) {
                recorded.clear();
            }
            recorded.put(claims.key(), claims);
            failed.remove(claims.key());
        } catch (RuntimeException e) {
            if (failed.size() >= REMEMBERED) {
                failed.clear();
            }
            failed.put(claims.key(), Instant.now(clock));
            LOG.warnf(e, "Could not record the account of subject %s; it is tried again in a minute", claims.subject());
        }
    }

    /** Whether the stored row has these claims and was seen within {@link #SEEN_GRANULARITY} of {@code now}. */
    private static boolean storedAndRecent(java.sql.Connection connection, Claims claims, Instant now)
            throws java.sql.SQLException {
        try (PreparedStatement ps = connection.prepareStatement(STORED)) {
            ps.setString(1, claims.issuer());
            ps.setString(2, claims.subject());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                Claims stored = new Claims(
                        claims.issuer(),
                        claims.subject(),
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBoolean(4));
                Instant seen = rs.getObject(5, java.time.OffsetDateTime.class).toInstant();
                return stored.equals(claims) && seen.plus(SEEN_GRANULARITY).isAfter(now);
            }
        }
    }
}
