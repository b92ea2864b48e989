package org.atrium.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is on stage: the one place other features (live rooms, registration) ask whether an account speaks; none of
 * them reads speaker or line-up rows itself. An account is on a session's line-up when a speaker profile linked to its OIDC subject ({@code sub}) is listed
 * there, as SPEAKER or MODERATOR. Profiles linked only by email count once claimed. Cancelled sessions still
 * answer (their line-up is unchanged); callers decide what a cancelled session allows. Safe to call from any worker
 * thread: each method joins the caller's transaction or runs its own read.
 */
@ApplicationScoped
@Transactional
public class SessionRoles {

    @Inject
    EntityManager em;

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
        return em.createQuery(
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
        return em.createQuery(
                        "select sp.name from SessionSpeaker ss join ss.speaker sp"
                                + " where ss.id.sessionId = :session and sp.accountSubject = :subject order by sp.id",
                        String.class)
                .setParameter("session", sessionId)
                .setParameter("subject", subject)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /**
     * Whether {@code subject} is one of the event's speakers: a profile of the event linked to the account, whether or
     * not it is on a line-up yet (the event's live channel admits them).
     */
    public boolean isSpeakerInEvent(long eventId, String subject) {
        if (subject == null) {
            return false;
        }
        return !em.createQuery(
                        "select s.id from Speaker s where s.event.id = :event and s.accountSubject = :subject",
                        Long.class)
                .setParameter("event", eventId)
                .setParameter("subject", subject)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * The session's line-up by account: each linked account with the name {@link #stageName} gives it (its first
     * profile on the line-up).
     */
    public Map<String, String> stageNames(long sessionId) {
        Map<String, String> out = new HashMap<>();
        for (Object[] row : em.createQuery(
                        "select sp.accountSubject, sp.name from SessionSpeaker ss join ss.speaker sp"
                                + " where ss.id.sessionId = :session and sp.accountSubject is not null order by sp.id",
                        Object[].class)
                .setParameter("session", sessionId)
                .getResultList()) {
            out.putIfAbsent((String) row[0], (String) row[1]);
        }
        return out;
    }

    /** The accounts linked to the event's speaker profiles (at most one per profile). */
    public List<String> speakerAccounts(long eventId) {
        return em.createQuery(
                        "select s.accountSubject from Speaker s where s.event.id = :event and s.accountSubject is not null",
                        String.class)
                .setParameter("event", eventId)
                .getResultList();
    }

    /** Ids of every session, in any event, whose line-up includes {@code subject}; by start time. */
    public List<Long> sessionsOf(String subject) {
        if (subject == null) {
            return List.of();
        }
        return em.createQuery(
                        "select s.id from SessionSpeaker ss join ss.session s join ss.speaker sp"
                                + " where sp.accountSubject = :subject order by s.startsAt, s.id",
                        Long.class)
                .setParameter("subject", subject)
                .getResultList();
    }
}
