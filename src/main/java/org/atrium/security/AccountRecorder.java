package org.atrium.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.atrium.common.BatchedCalls;
import org.atrium.common.Resumed;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Keeps the {@link Account} of every identity that presents a token: created at its first request, updated when the
 * token's name, user name or e-mail claims change. Cheap on the hot path: the claims last written per identity are
 * remembered in memory, so a request whose claims are unchanged writes nothing (and does not leave the event loop).
 * The first request of an identity on a node (after a start, or on a node it never reached) reads the stored row and
 * writes only when a claim changed or the row was last seen more than {@link #SEEN_GRANULARITY} ago: a keynote's
 * thousands of known participants joining a freshly started node cost a read each, not a commit each, and the reads of
 * first requests that arrive together are one statement ({@link BatchedCalls}). So
 * {@code last_seen_at} is exact to a day.
 */
@ApplicationScoped
class AccountRecorder implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(AccountRecorder.class);

    /** Past this many remembered identities the memory starts afresh (each one then costs one more write). */
    static final int REMEMBERED = 50_000;

    /** How stale {@code last_seen_at} may get before an unchanged identity's request writes it again. */
    static final java.time.Duration SEEN_GRANULARITY = java.time.Duration.ofDays(1);

    /** The stored rows of a batch of identities, by their place in it (1-based). */
    private static final String STORED = """
            select k.i, a.name, a.preferred_username, a.email, a.email_verified, a.last_seen_at
              from unnest(?::text[], ?::text[]) with ordinality as k(issuer, subject, i)
              join account a on a.issuer = k.issuer and a.subject = k.subject
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
    DataSource dataSource;

    /** First requests that arrive together read their rows together: one statement for a burst of sign-ins. */
    private final BatchedCalls<Claims, Boolean> storedChecks =
            new BatchedCalls<>(500, this::storedAndRecent, Infrastructure.getDefaultWorkerPool());

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
        // the stored rows of a burst of first requests are read in one statement, with no worker held per request
        return Resumed.here(storedChecks.submit(claims)).onItemOrFailure().transformToUni((stored, failure) -> {
            if (failure != null) {
                failedNow(claims, failure);
            } else if (stored) {
                remembered(claims);
            } else {
                return context.runBlocking(() -> {
                    write(claims);
                    return identity;
                });
            }
            return Uni.createFrom().item(identity);
        });
    }

    /** Writes the claims unless the stored row has them (blocking); a failure is logged, never a reason to refuse. */
    void record(Claims claims) {
        boolean stored;
        try {
            stored = storedChecks.call(claims);
        } catch (RuntimeException e) {
            failedNow(claims, e);
            return;
        }
        if (stored) {
            remembered(claims);
        } else {
            write(claims);
        }
    }

    /** Writes the claims (the row is created or updated); a failure is logged, never a reason to refuse a caller. */
    private void write(Claims claims) {
        try {
            Instant now = Instant.now(clock);
            // plain JDBC: typed nulls for absent claims, and no entity to load
            QuarkusTransaction.requiringNew()
                    .run(() -> em.unwrap(Session.class).doWork(connection -> {
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
            remembered(claims);
        } catch (RuntimeException e) {
            failedNow(claims, e);
        }
    }

    private void remembered(Claims claims) {
        if (recorded.size() >= REMEMBERED) {
            recorded.clear();
        }
        recorded.put(claims.key(), claims);
        failed.remove(claims.key());
    }

    private void failedNow(Claims claims, Throwable e) {
        if (failed.size() >= REMEMBERED) {
            failed.clear();
        }
        failed.put(claims.key(), Instant.now(clock));
        LOG.warnf(e, "Could not record the account of subject %s; it is tried again in a minute", claims.subject());
    }

    /**
     * For each identity of a batch, whether its stored row has these claims and was seen within {@link
     * #SEEN_GRANULARITY}: one autocommit statement for the batch, outside any transaction.
     */
    private List<Boolean> storedAndRecent(List<Claims> batch) {
        Instant now = Instant.now(clock);
        List<Boolean> recent = new ArrayList<>(Collections.nCopies(batch.size(), Boolean.FALSE));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = connection.prepareStatement(STORED)) {
            ps.setArray(
                    1,
                    connection.createArrayOf(
                            "text", batch.stream().map(Claims::issuer).toArray(String[]::new)));
            ps.setArray(
                    2,
                    connection.createArrayOf(
                            "text", batch.stream().map(Claims::subject).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(1) - 1;
                    Claims claims = batch.get(i);
                    Claims stored = new Claims(
                            claims.issuer(),
                            claims.subject(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getBoolean(5));
                    Instant seen = rs.getObject(6, OffsetDateTime.class).toInstant();
                    recent.set(
                            i,
                            stored.equals(claims) && seen.plus(SEEN_GRANULARITY).isAfter(now));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("accounts could not be read: " + e.getMessage(), e);
        }
        return recent;
    }
}
