package org.atrium.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.atrium.common.DomainException;
import org.atrium.security.CurrentUser;

/**
 * Finding events with the caller's rights applied. Every feature that works inside an event goes through here, so
 * that a draft is a 404 to anyone but its organisers ({@link Event#isVisibleTo}) and changes need an organiser; and
 * every lookup of an event's row by id ({@link #ofEvent}), so another event's ids are never found.
 */
@ApplicationScoped
public class Events {

    @Inject
    CurrentUser user;

    @Inject
    EventConfig config;

    @Inject
    EntityManager em;

    /** Whether the caller may create events: any signed-in account when organising is open, else the role. */
    public boolean callerMayCreate() {
        return user.subject().isPresent() && (config.open() || user.hasRole(config.role()));
    }

    /** The event if the caller may see it: published or cancelled events for everyone, drafts for organisers. */
    public Event visible(String slug) {
        Event event = find(slug).orElseThrow(() -> DomainException.notFound("event"));
        if (!event.isVisibleTo(user.subject().orElse(null))) {
            throw DomainException.notFound("event");
        }
        return event;
    }

    /** The event if the caller organises it; 404 when they cannot even see it, 403 when they only see it. */
    public Event organised(String slug) {
        Event event = visible(slug);
        if (!event.isOrganiser(user.subject().orElse(null))) {
            throw DomainException.forbidden("Only this event's organisers may do this.");
        }
        return event;
    }

    /**
     * Like {@link #organised(String)}, and also takes the event's row lock ({@code SELECT ... FOR UPDATE}) until the
     * transaction ends. Changes whose checks read other rows of the event (schedule conflicts, unique names) call this
     * first, so two organisers' concurrent changes run one after the other and the second sees the first.
     */
    public Event organisedForChange(String slug) {
        Event event = organised(slug);
        lock(event);
        return event;
    }

    /** Holds the event's row lock until the transaction ends (see {@link #organisedForChange(String)}). */
    public void lock(Event event) {
        em.createNativeQuery("select id from event where id = ?1 for update")
                .setParameter(1, event.id)
                .getSingleResult();
    }

    public boolean callerOrganises(Event event) {
        return event.isOrganiser(user.subject().orElse(null));
    }

    /**
     * The row of an entity that belongs to an event ({@code type} has an {@code event} association), if {@code id} is
     * one of this event's. Every lookup by id inside an event goes through here, so another event's ids are never
     * found.
     */
    public <T> Optional<T> ofEvent(Class<T> type, Event event, long id) {
        return em.createQuery("from " + type.getSimpleName() + " x where x.id = :id and x.event.id = :event", type)
                .setParameter("id", id)
                .setParameter("event", event.id)
                .getResultStream()
                .findFirst();
    }

    /** Like {@link #ofEvent}, or 404 {@code <what>.not-found}. */
    public <T> T inEvent(Class<T> type, String what, Event event, long id) {
        return ofEvent(type, event, id).orElseThrow(() -> DomainException.notFound(what));
    }

    public Optional<Event> find(String slug) {
        return Event.find("slug", slug).firstResultOptional();
    }
}
