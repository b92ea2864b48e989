package org.atrium.live;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.atrium.event.Event;
import org.atrium.registration.Participation;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionRoles;

/**
 * Who may enter a room and who may moderate it. A session room admits the event's confirmed participants, the
 * session's speakers and moderators and the event's organisers; the last two moderate. An event channel admits the
 * event's participants, its speakers and organisers; organisers post there.
 */
@ApplicationScoped
class Admission {

    enum Verdict {
        ADMITTED,
        NOT_FOUND,
        REFUSED
    }

    /**
     * An admission: the room, the member's roles, and in a session room the name the programme gives a speaker or
     * moderator on its line-up (null for everyone else), under which their replies appear.
     */
    record Pass(
            Verdict verdict,
            String room,
            long eventId,
            Long sessionId,
            boolean moderator,
            boolean organiser,
            String stageName) {
        static Pass refused(Verdict v) {
            return new Pass(v, null, 0, null, false, false, null);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Participation participation;

    @Inject
    SessionRoles roles;

    @Transactional
    Pass session(String sessionIdText, String subject) {
        long sessionId;
        try {
            sessionId = Long.parseLong(sessionIdText);
        } catch (NumberFormatException e) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        ConferenceSession session = em.find(ConferenceSession.class, sessionId);
        if (session == null) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        Event event = session.event;
        boolean organiser = event.isOrganiser(subject);
        if (!event.isVisibleTo(subject)) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        // one read answers both whether the account is on the line-up and the name it has there
        String stageName = roles.stageName(sessionId, subject).orElse(null);
        boolean onStage = stageName != null;
        if (!organiser && !onStage && !participation.isConfirmed(event.id, subject)) {
            return Pass.refused(Verdict.REFUSED);
        }
        String room = LiveRoom.sessionKey(sessionId);
        ensureRoom(room, event.id, sessionId);
        return new Pass(Verdict.ADMITTED, room, event.id, sessionId, organiser || onStage, organiser, stageName);
    }

    @Transactional
    Pass event(String slug, String subject) {
        Event event = Event.<Event>find("slug", slug).firstResult();
        if (event == null) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        boolean organiser = event.isOrganiser(subject);
        if (!event.isVisibleTo(subject)) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        boolean speaker = roles.isSpeakerInEvent(event.id, subject);
        if (!organiser && !speaker && !participation.isConfirmed(event.id, subject)) {
            return Pass.refused(Verdict.REFUSED);
        }
        String room = LiveRoom.eventKey(event.id);
        ensureRoom(room, event.id, null);
        return new Pass(Verdict.ADMITTED, room, event.id, null, organiser, organiser, null);
    }

    /** Rooms known to have their row committed; a join then writes nothing (no commit to wait for). */
    private final Set<String> knownRooms = ConcurrentHashMap.newKeySet();

    private void ensureRoom(String room, long eventId, Long sessionId) {
        if (knownRooms.contains(room)) {
            return;
        }
        // committed on its own before the room counts as known: a concurrent join that skips the insert reads the row
        // in its snapshot right after (inside the admission's transaction, it could still be uncommitted then)
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("insert into live_room (room, event_id, session_id)"
                                + " values (?1, ?2, ?3) on conflict do nothing")
                        .setParameter(1, room)
                        .setParameter(2, eventId)
                        .setParameter(3, sessionId)
                        .executeUpdate());
        knownRooms.add(room);
    }
}
