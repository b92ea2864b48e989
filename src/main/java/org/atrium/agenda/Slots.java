package org.atrium.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.exhibition.GalleryOpenings;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.stage.Stages;

/** Loads an event's sessions (with rooms, tracks and speakers) as {@link Slot}s in a fixed order. */
@ApplicationScoped
class Slots {

    @Inject
    Stages stages;

    @Inject
    GalleryOpenings openings;

    List<Slot> ofEvent(Event event) {
        List<ConferenceSession> sessions = ConferenceSession.find(
                        "select s from ConferenceSession s left join fetch s.venue left join fetch s.track"
                                + " where s.event.id = ?1 order by s.startsAt, s.id",
                        event.id)
                .list();
        return toSlots(sessions, event);
    }

    /** The event's sessions among {@code ids}, in programme order (a personal agenda: only what it shows). */
    List<Slot> ofEvent(Event event, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ConferenceSession> sessions = ConferenceSession.find(
                        "select s from ConferenceSession s left join fetch s.venue left join fetch s.track"
                                + " where s.event.id = ?1 and s.id in ?2 order by s.startsAt, s.id",
                        event.id,
                        ids)
                .list();
        return toSlots(sessions, event);
    }

    Slot one(Event event, long sessionId) {
        List<ConferenceSession> found = ConferenceSession.find(
                        "select s from ConferenceSession s left join fetch s.venue left join fetch s.track"
                                + " where s.event.id = ?1 and s.id = ?2",
                        event.id,
                        sessionId)
                .list();
        if (found.isEmpty()) {
            throw DomainException.notFound("session");
        }
        return toSlots(found, event).get(0);
    }

    /**
     * Sessions by id across events (the personal feed), with their event's slug; sessions of events the public cannot
     * see (drafts, by {@link Event#isVisibleTo}) are left out: a feed URL is a bearer secret, not its owner.
     */
    List<Slot> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ConferenceSession> sessions = ConferenceSession.find(
                        "select s from ConferenceSession s join fetch s.event e left join fetch s.venue"
                                + " left join fetch s.track where s.id in ?1 order by s.startsAt, s.id",
                        ids)
                .<ConferenceSession>list()
                .stream()
                .filter(s -> s.event.isVisibleTo(null))
                .toList();
        List<Slot> result = new ArrayList<>();
        List<Long> ids2 = sessions.stream().map(s -> s.id).toList();
        Map<Long, List<Slot.Person>> persons = persons(ids2);
        Map<Long, String> recordings = stages.recordings(ids2);
        Map<Long, GalleryOpenings.GalleryLink> galleries = openings.openedBy(ids2);
        for (ConferenceSession s : sessions) {
            result.add(slot(s, s.event, persons, recordings, galleries));
        }
        return result;
    }

    private List<Slot> toSlots(List<ConferenceSession> sessions, Event event) {
        List<Long> ids = sessions.stream().map(s -> s.id).toList();
        Map<Long, List<Slot.Person>> persons = persons(ids);
        Map<Long, String> recordings = stages.recordings(ids);
        Map<Long, GalleryOpenings.GalleryLink> galleries = openings.openedBy(ids);
        return sessions.stream()
                .map(s -> slot(s, event, persons, recordings, galleries))
                .toList();
    }

    private static Slot slot(
            ConferenceSession s,
            Event event,
            Map<Long, List<Slot.Person>> persons,
            Map<Long, String> recordings,
            Map<Long, GalleryOpenings.GalleryLink> galleries) {
        return new Slot(
                s.id,
                event.slug,
                event.zone(),
                s.title,
                s.summary,
                s.type.name(),
                s.language,
                s.venue == null ? null : s.venue.id,
                s.venue == null ? null : s.venue.name,
                s.track == null ? null : s.track.name,
                s.track == null ? null : s.track.colour,
                s.startsAt,
                s.endsAt,
                s.cancelled,
                s.scheduleRevision,
                s.createdAt,
                s.updatedAt,
                persons.getOrDefault(s.id, List.of()),
                recordings.get(s.id),
                galleries.get(s.id));
    }

    private static Map<Long, List<Slot.Person>> persons(List<Long> sessionIds) {
        Map<Long, List<Slot.Person>> result = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return result;
        }
        List<SessionSpeaker> links = SessionSpeaker.find(
                        "select l from SessionSpeaker l join fetch l.speaker sp where l.session.id in ?1"
                                + " order by l.position, sp.name, sp.id",
                        sessionIds)
                .list();
        for (SessionSpeaker link : links) {
            result.computeIfAbsent(link.id.sessionId, k -> new ArrayList<>())
                    .add(new Slot.Person(link.speaker.id, link.speaker.name, link.role.name()));
        }
        return result;
    }
}
