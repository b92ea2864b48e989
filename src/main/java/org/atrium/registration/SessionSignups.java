package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.RegistrationChanged.Kind;
import org.atrium.registration.SessionSignup.State;
import org.atrium.schedule.ConferenceSession;

/**
 * Sign-ups for sessions with limited places. Decisions for one session are serialised by a row lock on the
 * session ({@code select ... for no key update}, which still lets other rows reference it). A sign-up first
 * share-locks the participant's event registration, so it cannot slip past a concurrent cancellation of that
 * registration; lock order is registration row, then session row (the registration use cases take settings,
 * registration, sessions).
 */
@ApplicationScoped
class SessionSignups {

    record Outcome(SessionSignup signup, boolean created) {}

    @Inject
    Events events;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PendingChangeEvents changeEvents;

    @Transactional
    Outcome signUp(String slug, long sessionId, String subject) {
        Event event = events.visible(slug);
        if (event.status == Event.Status.DRAFT) {
            throw DomainException.notFound("event");
        }
        if (event.status == Event.Status.CANCELLED) {
            throw DomainException.conflict("event.cancelled", "This event has been cancelled.");
        }
        requireSessionOf(event, sessionId);
        Registration registration = Registrations.find(event.id, subject, LockModeType.PESSIMISTIC_READ);
        if (registration == null || registration.state != Registration.State.CONFIRMED) {
            throw DomainException.conflict(
                    "registration.required",
                    "A confirmed registration for the event is needed to sign up for sessions.");
        }
        ConferenceSession session = lockSession(event, sessionId);
        if (session.cancelled) {
            throw DomainException.conflict("session.cancelled", "This session has been cancelled.");
        }
        Instant now = Instant.now(clock);
        if (!now.isBefore(session.endsAt)) {
            throw DomainException.conflict("session.over", "This session is over.");
        }
        promote(event, session); // catches up on places freed by a raised session or room capacity
        SessionSignup s = SessionSignup.<SessionSignup>find("session.id = ?1 and subject = ?2", sessionId, subject)
                .firstResult();
        if (s != null && s.state.isActive()) {
            changeEvents.publish(); // promotions the catch-up above made
            return new Outcome(s, false);
        }
        boolean revived = s != null;
        if (s == null) {
            s = new SessionSignup();
            s.session = session;
            s.event = event;
            s.subject = subject;
            s.createdAt = now;
        }
        State target = placeFree(session) ? State.CONFIRMED : State.WAITLISTED;
        State from = s.moveTo(target, now);
        if (revived) {
            Arrivals.requeue(em, Arrivals.Table.SESSION_REGISTRATION, s.id);
        } else {
            s.persist();
            em.flush();
        }
        fire(s, from, Kind.valueOf(target.name()));
        changeEvents.publish();
        return new Outcome(s, true);
    }

    @Transactional
    SessionSignup cancel(String slug, long sessionId, String subject) {
        Event event = events.visible(slug);
        requireSessionOf(event, sessionId);
        ConferenceSession session = lockSession(event, sessionId);
        SessionSignup s = SessionSignup.<SessionSignup>find("session.id = ?1 and subject = ?2", sessionId, subject)
                .firstResult();
        if (s == null) {
            throw DomainException.notFound("session-signup");
        }
        cancel(event, session, s);
        changeEvents.publish();
        return s;
    }

    /**
     * Cancels every active sign-up of the account in the event (its registration ended). Runs inside a
     * registration use case that holds the settings and registration locks.
     */
    void cancelAllOf(Event event, String subject) {
        @SuppressWarnings("unchecked")
        List<Number> sessionIds = em.createNativeQuery("select session_id from session_registration"
                        + " where event_id = ?1 and subject = ?2 and state <> 'CANCELLED' order by session_id")
                .setParameter(1, event.id)
                .setParameter(2, subject)
                .getResultList();
        for (Number id : sessionIds) {
            ConferenceSession session = lockSession(event, id.longValue());
            SessionSignup s = SessionSignup.<SessionSignup>find(
                            "session.id = ?1 and subject = ?2", id.longValue(), subject)
                    .firstResult();
            cancel(event, session, s);
        }
    }

    private void cancel(Event event, ConferenceSession session, SessionSignup s) {
        if (s.state == State.CANCELLED) {
            return;
        }
        State from = s.moveTo(State.CANCELLED, Instant.now(clock));
        fire(s, from, Kind.CANCELLED);
        if (from == State.CONFIRMED) {
            promote(event, session);
        }
    }

    /** Fills free places of the session from its waitlist (arrival order). Caller holds the session lock. */
    private void promote(Event event, ConferenceSession session) {
        long free = freePlaces(session);
        if (free == 0) {
            return;
        }
        var query = SessionSignup.<SessionSignup>find(
                "session.id = ?1 and state = ?2 order by arrival, id", session.id, State.WAITLISTED);
        List<SessionSignup> next = free >= Integer.MAX_VALUE
                ? query.list()
                : query.range(0, (int) free - 1).list();
        Instant now = Instant.now(clock);
        for (SessionSignup s : next) {
            State from = s.moveTo(State.CONFIRMED, now);
            fire(s, from, Kind.PROMOTED);
        }
    }

    private boolean placeFree(ConferenceSession session) {
        return freePlaces(session) > 0 && count(session.id, State.WAITLISTED) == 0;
    }

    private static long freePlaces(ConferenceSession session) {
        Integer capacity = session.effectiveCapacity();
        return capacity == null ? Long.MAX_VALUE : Math.max(0, capacity - count(session.id, State.CONFIRMED));
    }

    static long count(long sessionId, State state) {
        return SessionSignup.count("session.id = ?1 and state = ?2", sessionId, state);
    }

    private static void requireSessionOf(Event event, long sessionId) {
        if (ConferenceSession.count("id = ?1 and event.id = ?2", sessionId, event.id) == 0) {
            throw DomainException.notFound("session");
        }
    }

    private ConferenceSession lockSession(Event event, long sessionId) {
        List<?> locked = em.createNativeQuery(
                        "select id from conference_session where id = ?1 and event_id = ?2 for no key update")
                .setParameter(1, sessionId)
                .setParameter(2, event.id)
                .getResultList();
        if (locked.isEmpty()) {
            throw DomainException.notFound("session");
        }
        ConferenceSession session = em.find(ConferenceSession.class, sessionId);
        em.refresh(session);
        return session;
    }

    private void fire(SessionSignup s, State from, Kind kind) {
        changeEvents.add(new SessionSignupChanged(
                s.event.id, s.session.id, s.id, s.subject, from == null ? null : from.name(), s.state.name(), kind));
    }
}
