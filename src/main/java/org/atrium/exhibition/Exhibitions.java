package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Participation;
import org.atrium.security.CurrentUser;

/**
 * Who may do what in an event's exhibition, in one place. Curators (named per event by its organisers) and organisers
 * manage galleries and works; an artist linked to a work edits that work and its media; a gallery is seen by its
 * curators while a draft, by anyone who may see the event once published, and by the event's confirmed participants
 * (and its curators) when it is for registered participants only.
 */
@ApplicationScoped
class Exhibitions {

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    Participation participation;

    @Inject
    EntityManager em;

    /** Whether the caller organises or curates the event. */
    boolean curates(Event event) {
        String me = user.subject().orElse(null);
        if (me == null) {
            return false;
        }
        return event.isOrganiser(me) || isCurator(event.id, me);
    }

    boolean isCurator(long eventId, String subject) {
        return !em.createNativeQuery("select 1 from event_curator where event_id = ?1 and subject = ?2")
                .setParameter(1, eventId)
                .setParameter(2, subject)
                .getResultList()
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    List<String> curators(long eventId) {
        return em.createNativeQuery("select subject from event_curator where event_id = ?1 order by subject")
                .setParameter(1, eventId)
                .getResultList();
    }

    void addCurator(long eventId, String subject) {
        em.createNativeQuery("insert into event_curator (event_id, subject) values (?1, ?2) on conflict do nothing")
                .setParameter(1, eventId)
                .setParameter(2, subject)
                .executeUpdate();
    }

    void removeCurator(long eventId, String subject) {
        em.createNativeQuery("delete from event_curator where event_id = ?1 and subject = ?2")
                .setParameter(1, eventId)
                .setParameter(2, subject)
                .executeUpdate();
    }

    /**
     * The event if the caller may curate it: 404 when they cannot see it (a draft event is seen by its organisers;
     * its curators see it too, so they can prepare the exhibition), 403 when they only see it.
     */
    Event curated(String slug) {
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        boolean curates = curates(event);
        if (!curates) {
            events.visible(slug);
            throw DomainException.forbidden("Only this event's curators and organisers may do this.");
        }
        return event;
    }

    /** The event as the caller may see it: visible events, and draft events to their curators. */
    Event seen(String slug) {
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        if (!curates(event)) {
            events.visible(slug);
        }
        return event;
    }

    /** What the caller may see of a gallery. */
    enum Access {
        /** not even that it exists (a draft) */
        NONE,
        /** its name, statement and hours, not its works (registered participants only) */
        LISTED,
        /** everything */
        FULL
    }

    Access access(Gallery gallery, boolean curates) {
        if (curates) {
            return Access.FULL;
        }
        return switch (gallery.visibility) {
            case DRAFT -> Access.NONE;
            case PUBLISHED -> Access.FULL;
            case REGISTERED ->
                user.subject()
                                .map(me -> participation.isConfirmed(gallery.event.id, me))
                                .orElse(false)
                        ? Access.FULL
                        : Access.LISTED;
        };
    }

    /** The gallery with its works if the caller may enter it: 404 for a draft, 403 for registered-only. */
    void requireEntry(Gallery gallery, boolean curates) {
        switch (access(gallery, curates)) {
            case NONE -> throw DomainException.notFound("gallery");
            case LISTED ->
                throw new DomainException(
                        403,
                        "gallery.registered-only",
                        "This gallery is open to the event's registered participants: register to enter.",
                        Map.of("gallery", gallery.id));
            case FULL -> {}
        }
    }

    /** Whether the caller may edit the work: curators and organisers, and the work's own artists. */
    boolean mayEdit(Work work, boolean curates) {
        return curates || work.isArtist(user.subject().orElse(null));
    }

    /** A work the caller may edit (404 when they cannot see it, 403 when they only see it). */
    Work editableWork(Event event, long id) {
        Work work = events.inEvent(Work.class, "work", event, id);
        boolean curates = curates(event);
        if (mayEdit(work, curates)) {
            return work;
        }
        requireEntry(work.gallery, false);
        throw DomainException.forbidden("Only this work's artists and the event's curators may change it.");
    }
}
