package org.atrium.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Who is on stage: the one question other features (live rooms, registration) ask the programme about an account.
 * An account is on a session's line-up when a speaker profile linked to its OIDC subject ({@code sub}) is listed
 * there, as SPEAKER or MODERATOR. Profiles linked only by email count once claimed. Cancelled sessions still
 * answer (their line-up is unchanged); callers decide what a cancelled session allows. Safe to call from any worker
 * thread: each method joins the caller's transaction or runs its own read.
 */
@ApplicationScoped
@Transactional
public class SessionRoles {

    /** Whether {@code subject} speaks at or moderates session {@code sessionId}. */
    public boolean isSpeakerOrModerator(long sessionId, String subject) {
        return roleOf(sessionId, subject).isPresent();
    }

    /** Whether {@code subject} moderates session {@code sessionId}. */
    public boolean isModerator(long sessionId, String subject) {
        return roleOf(sessionId, subject)
                .filter(r -> r == SessionSpeaker.Role.MODERATOR)
                .isPresent();
    }

    /** The account's role on the session, if it is on the line-up. */
    public Optional<SessionSpeaker.Role> roleOf(long sessionId, String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        return SessionSpeaker.getEntityManager()
                .createQuery(
                        "select ss.role from SessionSpeaker ss join ss.speaker sp"
                                + " where ss.id.sessionId = :session and sp.accountSubject = :subject",
                        SessionSpeaker.Role.class)
                .setParameter("session", sessionId)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    /**
     * The name the programme gives {@code subject} on session {@code sessionId} (its speaker profile's name), if the
     * account is on the line-up: how the room should name what it says as a speaker, rather than by its token's name.
     */
    public Optional<String> stageName(long sessionId, String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        return SessionSpeaker.getEntityManager()
                .createQuery(
                        "select sp.name from SessionSpeaker ss join ss.speaker sp"
                                + " where ss.id.sessionId = :session and sp.accountSubject = :subject order by sp.id",
                        String.class)
                .setParameter("session", sessionId)
                .setParameter("subject", subject)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** Ids of every session, in any event, whose line-up includes {@code subject}; by start time. */
    public List<Long> sessionsOf(String subject) {
        if (subject == null) {
            return List.of();
        }
        return SessionSpeaker.getEntityManager()
                .createQuery(
                        "select s.id from SessionSpeaker ss join ss.session s join ss.speaker sp"
                                + " where sp.accountSubject = :subject order by s.startsAt, s.id",
                        Long.class)
                .setParameter("subject", subject)
                .getResultList();
    }
}
