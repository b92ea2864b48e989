package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Registration.State;
import org.atrium.registration.RegistrationChanged.Kind;

/**
 * The registration use cases. Each runs in one transaction that first locks the event's {@link RegistrationSettings}
 * row, so every decision about places (confirm, waitlist, promote) for one event is taken one at a time against
 * committed data: confirmed never exceeds capacity and the waitlist is served in arrival order. Lock order, kept
 * everywhere to stay free of deadlocks: settings row, then registration row, then session rows (by id).
 */
@ApplicationScoped
class Registrations {

    /** The registration after a use case; {@code created} is false when an existing one was returned unchanged. */
    record Outcome(Registration registration, boolean created) {}

    /** What the participant tells us about themselves (email comes from their token, not from the form). */
    record Profile(
            String displayName, String email, String affiliation, String country, String timeZone, String notes) {}

    @Inject
    Events events;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PendingChangeEvents changeEvents;

    @Inject
    SessionSignups sessionSignups;

    /**
     * Registers the account, or returns its active registration unchanged (a repeated or raced request). Refused once
     * the event is over, a repeat included.
     */
    @Transactional
    Outcome register(String slug, String subject, Profile profile) {
        Event event = openFor(slug);
        requireNotOver(event, Instant.now(clock));
        Registration known = find(event.id, subject, LockModeType.NONE);
        if (known != null && known.state.isActive()) {
            return new Outcome(known, false); // a repeat needs no lock
        }
        RegistrationSettings settings = lockSettings(event);
        Registration r = known == null ? find(event.id, subject, LockModeType.NONE) : refreshed(known);
        if (r != null && r.state.isActive()) {
            return new Outcome(r, false);
        }
        if (r != null && r.state == State.REJECTED) {
            throw DomainException.conflict(
                    "registration.rejected", "The organisers declined this registration; contact them.");
        }
        Instant now = Instant.now(clock);
        settings.requireOpen(now);
        boolean revived = r != null;
        if (r == null) {
            r = new Registration();
            r.event = event;
            r.subject = subject;
            r.createdAt = now;
        }
        r.displayName = profile.displayName();
        r.email = profile.email();
        r.affiliation = profile.affiliation();
        r.country = profile.country();
        r.timeZone = profile.timeZone();
        r.notes = profile.notes();
        State target;
        if (settings.mode == RegistrationSettings.Mode.APPROVAL) {
            target = State.PENDING;
        } else {
            target = placeFree(event, settings) ? State.CONFIRMED : State.WAITLISTED;
        }
        State from = r.moveTo(target, now);
        if (revived) {
            Arrivals.requeue(em, Arrivals.Table.REGISTRATION, r.id);
        } else {
            r.persist();
            em.flush();
        }
        fire(r, from, Kind.valueOf(target.name()));
        changeEvents.publish();
        return new Outcome(r, true);
    }

    /** The participant cancels their own registration; a freed place goes to the next on the waitlist. */
    @Transactional
    Registration cancelOwn(String slug, String subject) {
        Event event = events.visible(slug);
        RegistrationSettings settings = lockSettings(event);
        Registration r = find(event.id, subject, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw DomainException.notFound("registration");
        }
        cancel(event, settings, r);
        changeEvents.publish();
        return r;
    }

    /** An organiser cancels someone's registration. */
    @Transactional
    Registration cancelFor(Event event, long registrationId) {
        RegistrationSettings settings = lockSettings(event);
        Registration r = cancel(event, settings, byId(event, registrationId));
        changeEvents.publish();
        return r;
    }

    @Transactional
    Registration approve(Event event, long registrationId) {
        RegistrationSettings settings = lockSettings(event);
        Registration r = byId(event, registrationId);
        if (r.state == State.CONFIRMED || r.state == State.WAITLISTED) {
            return r; // approving twice changes nothing
        }
        if (r.state != State.PENDING) {
            throw DomainException.conflict(
                    "registration.state-conflict",
                    "Only a pending registration can be approved; this one is " + r.state + ".");
        }
        State target = placeFree(event, settings) ? State.CONFIRMED : State.WAITLISTED;
        State from = r.moveTo(target, Instant.now(clock));
        fire(r, from, Kind.valueOf(target.name()));
        changeEvents.publish();
        return r;
    }

    @Transactional
    Registration reject(Event event, long registrationId) {
        RegistrationSettings settings = lockSettings(event);
        Registration r = byId(event, registrationId);
        if (r.state == State.REJECTED) {
            return r;
        }
        State from = r.moveTo(State.REJECTED, Instant.now(clock));
        fire(r, from, Kind.REJECTED);
        sessionSignups.cancelAllOf(event, r.subject);
        if (from == State.CONFIRMED) {
            promote(event, settings);
        }
        changeEvents.publish();
        return r;
    }

    /** Replaces the event's settings; a raised (or removed) capacity promotes as many as places were freed. */
    @Transactional
    RegistrationSettings configure(
            Event event,
            boolean open,
            Instant deadline,
            Integer capacity,
            RegistrationSettings.Mode mode,
            Long version) {
        RegistrationSettings settings = lockSettings(event);
        if (version != null && version != settings.version) {
            throw new DomainException(
                    409,
                    "version.conflict",
                    "Someone else changed these settings in the meantime; reload them and apply your change again.",
                    Map.of("currentVersion", settings.version));
        }
        settings.changeCapacity(capacity, count(event.id, State.CONFIRMED));
        settings.open = open;
        settings.deadline = deadline;
        settings.mode = mode;
        settings.updatedAt = Instant.now(clock);
        promote(event, settings);
        em.flush();
        changeEvents.publish();
        return settings;
    }

    /**
     * Locks the event's settings row for the rest of the transaction (creating it with defaults on first use) and
     * returns it freshly read.
     */
    RegistrationSettings lockSettings(Event event) {
        RegistrationSettings settings = lockQuery(event.id);
        if (settings == null) {
            em.createNativeQuery("insert into registration_settings (event_id, updated_at) values (?1, ?2)"
                            + " on conflict (event_id) do nothing")
                    .setParameter(1, event.id)
                    .setParameter(2, Instant.now(clock))
                    .executeUpdate();
            settings = lockQuery(event.id);
        }
        return settings;
    }

    /** {@code select ... for update} (PESSIMISTIC_WRITE on PostgreSQL): one decision per event at a time. */
    private static RegistrationSettings lockQuery(long eventId) {
        return RegistrationSettings.<RegistrationSettings>find("event.id = ?1", eventId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** Re-reads an entity read before the lock, so the decision uses committed data. */
    private Registration refreshed(Registration r) {
        em.refresh(r);
        return r;
    }

    /** Fills free places from the head of the waitlist (arrival order). Caller holds the settings lock. */
    void promote(Event event, RegistrationSettings settings) {
        long free = settings.freePlaces(count(event.id, State.CONFIRMED));
        if (free == 0) {
            return;
        }
        var query = Registration.<Registration>find(
                "event.id = ?1 and state = ?2 order by arrival, id", event.id, State.WAITLISTED);
        List<Registration> next = free >= Integer.MAX_VALUE
                ? query.list()
                : query.range(0, (int) free - 1).list();
        Instant now = Instant.now(clock);
        for (Registration r : next) {
            State from = r.moveTo(State.CONFIRMED, now);
            fire(r, from, Kind.PROMOTED);
        }
    }

    private Registration cancel(Event event, RegistrationSettings settings, Registration r) {
        if (r.state == State.CANCELLED) {
            return r; // cancelling twice changes nothing
        }
        State from = r.moveTo(State.CANCELLED, Instant.now(clock));
        fire(r, from, Kind.CANCELLED);
        sessionSignups.cancelAllOf(event, r.subject);
        if (from == State.CONFIRMED) {
            promote(event, settings);
        }
        return r;
    }

    /** A place is free for a newcomer only when nobody is waiting for it. */
    private boolean placeFree(Event event, RegistrationSettings settings) {
        em.flush();
        Object[] n = (Object[]) em.createNativeQuery("select count(*) filter (where state = 'CONFIRMED'),"
                        + " count(*) filter (where state = 'WAITLISTED') from registration where event_id = ?1")
                .setParameter(1, event.id)
                .getSingleResult();
        return settings.freePlaces(((Number) n[0]).longValue()) > 0 && ((Number) n[1]).longValue() == 0;
    }

    private Event openFor(String slug) {
        Event event = events.visible(slug);
        if (event.status == Event.Status.DRAFT) {
            throw DomainException.notFound("event"); // not even its organisers can register for a draft
        }
        if (event.status == Event.Status.CANCELLED) {
            throw DomainException.conflict("event.cancelled", "This event has been cancelled.");
        }
        return event;
    }

    /** An event is over at the end of its last day in its own zone ({@link Event#closesAt()}). */
    private static void requireNotOver(Event event, Instant now) {
        if (!now.isBefore(event.closesAt())) {
            throw new DomainException(
                    409,
                    "registration.event-over",
                    "This event is over: its last day was " + event.lastDay + " (" + event.timeZone + ").",
                    Map.of(
                            "lastDay", event.lastDay.toString(),
                            "timeZone", event.timeZone,
                            "endedAt", event.closesAt().toString()));
        }
    }

    private Registration byId(Event event, long id) {
        Registration r = Registration.<Registration>find("id = ?1 and event.id = ?2", id, event.id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (r == null) {
            throw DomainException.notFound("registration");
        }
        return r;
    }

    static Registration find(long eventId, String subject, LockModeType lock) {
        return Registration.<Registration>find("event.id = ?1 and subject = ?2", eventId, subject)
                .withLock(lock)
                .firstResult();
    }

    static long count(long eventId, State state) {
        return Registration.count("event.id = ?1 and state = ?2", eventId, state);
    }

    private void fire(Registration r, State from, Kind kind) {
        changeEvents.add(new RegistrationChanged(r.event.id, r.id, r.subject, from, r.state, kind));
    }
}
