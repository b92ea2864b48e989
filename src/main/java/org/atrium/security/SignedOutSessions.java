package org.atrium.security;

import io.quarkus.oidc.SecurityEvent;
import io.quarkus.oidc.runtime.TokenVerificationResult;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atrium.cluster.ClusterChannel;
import org.atrium.cluster.ClusterMessage;
import org.atrium.cluster.ClusterResync;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Sign-out that signs out: when the identity provider ends a session (OpenID Connect back-channel logout, received and
 * verified by quarkus-oidc at {@code quarkus.oidc.logout.backchannel.path}), tokens of that session are refused from
 * then on, although they are still within their lifetime, and {@link AccountSignedOut} tells the live rooms to close
 * the account's connections. A logout token that names a session ({@code sid}) ends that session's tokens only (the
 * person's other devices stay signed in); one that names only the subject ends every token issued to it before then.
 *
 * <p>Every node refuses them: a sign-out is stored ({@code signed_out_session}) and announced on the cluster channel in
 * one transaction, and a node that (re)starts listening, or starts, reloads the stored ones (it may have missed some).
 * The node that received the logout refuses the tokens at once; the others from the notification's arrival.
 */
@ApplicationScoped
class SignedOutSessions implements SecurityIdentityAugmentor, EndedSignIns {

    private static final Logger LOG = Logger.getLogger(SignedOutSessions.class);

    /** How long an ended session is remembered: longer than any access token lives. */
    static final Duration REMEMBERED_FOR = Duration.ofDays(1);

    /** Past this many remembered sign-outs the oldest are dropped first (one account could otherwise grow it). */
    static final int MAX_REMEMBERED = 100_000;

    private final Map<String, Instant> endedSessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> endedSubjects = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    @Inject
    Event<AccountSignedOut> signedOut;

    @Inject
    EntityManager em;

    @Inject
    ClusterChannel cluster;

    /** The cluster message topic of a sign-out: the payload is {@code subject \n session}, either may be empty. */
    static final String TOPIC = "signed-out";

    void onLogout(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED) {
            return;
        }
        JsonObject claims = claims(event.getEventProperties().get("logout_token"));
        if (claims == null) {
            Object token = event.getEventProperties().get("logout_token");
            LOG.warnf(
                    "A back-channel logout arrived without readable claims (a %s); nothing was ended",
                    token == null ? "null" : token.getClass().getName());
            return;
        }
        String subject = claims.getString("sub");
        String session = claims.getString("sid");
        end(subject, session);
    }

    /**
     * Records that {@code session} (or, without one, every earlier token of {@code subject}) has ended, here at once and
     * on the other nodes through the database (on a worker thread: the logout may arrive on an I/O thread).
     */
    void end(String subject, String session) {
        Instant now = clock.instant();
        if (endHere(subject, session, now)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> share(subject, session, now));
        }
    }

    @Transactional
    void share(String subject, String session, Instant at) {
        try {
            em.createNativeQuery("insert into signed_out_session (subject, session_id, ended_at) values (?1, ?2, ?3)")
                    .setParameter(1, blankToNull(subject))
                    .setParameter(2, blankToNull(session))
                    .setParameter(3, Timestamp.from(at))
                    .executeUpdate();
            em.createNativeQuery("delete from signed_out_session where ended_at < ?1")
                    .setParameter(1, Timestamp.from(at.minus(REMEMBERED_FOR)))
                    .executeUpdate();
            cluster.publish(TOPIC, nullToEmpty(subject) + "\n" + nullToEmpty(session));
        } catch (RuntimeException e) {
            LOG.errorf(e, "A sign-out of subject %s could not be shared with the other nodes", subject);
        }
    }

    void onOtherNode(@Observes ClusterMessage message) {
        if (!TOPIC.equals(message.topic())) {
            return;
        }
        int split = message.payload().indexOf('\n');
        if (split < 0) {
            return;
        }
        endHere(
                blankToNull(message.payload().substring(0, split)),
                blankToNull(message.payload().substring(split + 1)),
                clock.instant());
    }

    /** At start and after a reconnection of the cluster channel: the sign-outs stored by any node. */
    void onResync(@Observes ClusterResync resync) {
        Infrastructure.getDefaultWorkerPool().execute(this::reload);
    }

    @Transactional
    void reload() {
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select subject, session_id, ended_at from signed_out_session where ended_at >= ?1")
                    .setParameter(1, Timestamp.from(clock.instant().minus(REMEMBERED_FOR)))
                    .getResultList();
            for (Object[] row : rows) {
                Instant at = switch (row[2]) {
                    case Timestamp t -> t.toInstant();
                    case java.time.OffsetDateTime o -> o.toInstant();
                    case Instant i -> i;
                    default -> throw new IllegalStateException("ended_at read as " + row[2].getClass());
                };
                remember((String) row[0], (String) row[1], at);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stored sign-outs could not be read; tokens of sessions ended on other nodes may pass");
        }
    }

    /** Records a sign-out that was shared already: remembered, but the live rooms are not told twice. */
    private void remember(String subject, String session, Instant at) {
        if (session != null) {
            endedSessions.merge(session, at, (a, b) -> a.isAfter(b) ? a : b);
        } else if (subject != null) {
            endedSubjects.merge(subject, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Records the sign-out on this node and closes its live connections; false when it names nothing. */
    private boolean endHere(String subject, String session, Instant now) {
        forgetOld(now);
        if (session != null && !session.isBlank()) {
            endedSessions.put(session, now);
        } else if (subject != null && !subject.isBlank()) {
            endedSubjects.put(subject, now);
        } else {
            return false;
        }
        LOG.debugf("Signed out by the identity provider: subject %s, session %s", subject, session);
        if (subject != null) {
            signedOut.fire(new AccountSignedOut(subject, session));
        }
        return true;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public boolean ended(String subject, String session, Instant issuedAt) {
        if (session != null && endedSessions.containsKey(session)) {
            return true;
        }
        Instant subjectEnded = subject == null ? null : endedSubjects.get(subject);
        return subjectEnded != null && (issuedAt == null || !issuedAt.isAfter(subjectEnded));
    }

    /** Before {@link AccountRecorder}: a token of an ended session is refused before anything is recorded of it. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if ((endedSessions.isEmpty() && endedSubjects.isEmpty())
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Object sid = jwt.getClaim("sid");
        Instant issuedAt = jwt.getIssuedAtTime() > 0 ? Instant.ofEpochSecond(jwt.getIssuedAtTime()) : null;
        if (ended(jwt.getSubject(), sid == null ? null : sid.toString(), issuedAt)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the sign-in session has ended"));
        }
        return Uni.createFrom().item(identity);
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(REMEMBERED_FOR);
        endedSessions.values().removeIf(at -> at.isBefore(horizon));
        endedSubjects.values().removeIf(at -> at.isBefore(horizon));
        if (endedSessions.size() > MAX_REMEMBERED) {
            // a flood of sign-outs: forgetting them re-admits those sessions' tokens until they expire (minutes)
            endedSessions.clear();
        }
        if (endedSubjects.size() > MAX_REMEMBERED) {
            endedSubjects.clear();
        }
    }

    /**
     * quarkus-oidc fires the back-channel logout with its verification result, whose claims field is package-private
     * (3.33 has no accessor): read by reflection once per logout. BackChannelLogoutTest fails if this stops working.
     */
    private static final java.util.function.Function<TokenVerificationResult, JsonObject> VERIFIED_CLAIMS =
            verifiedClaims();

    private static java.util.function.Function<TokenVerificationResult, JsonObject> verifiedClaims() {
        try {
            java.lang.reflect.Field field = TokenVerificationResult.class.getDeclaredField("localVerificationResult");
            field.setAccessible(true);
            return result -> {
                try {
                    return (JsonObject) field.get(result);
                } catch (IllegalAccessException e) {
                    return null;
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("quarkus-oidc's logout verification result cannot be read; back-channel logout ends nothing", e);
            return result -> null;
        }
    }

    /**
     * The logout token's claims. quarkus-oidc 3.33 hands over its (runtime-internal) verification result; the other
     * shapes are kept for versions that pass the claims or the compact JWT. BackChannelLogoutTest fails if none fits.
     */
    static JsonObject claims(Object token) {
        if (token instanceof TokenVerificationResult verified) {
            return VERIFIED_CLAIMS.apply(verified);
        }
        if (token instanceof JsonObject json) {
            return json;
        }
        if (token instanceof JsonWebToken jwt) {
            JsonObject json = new JsonObject();
            for (String name : jwt.getClaimNames()) {
                Object value = jwt.getClaim(name);
                json.put(name, value == null ? null : value.toString());
            }
            return json;
        }
        if (token instanceof String compact) {
            String[] parts = compact.split("\\.");
            if (parts.length >= 2) {
                try {
                    return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
