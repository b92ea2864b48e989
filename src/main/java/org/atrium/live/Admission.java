package org.atrium.live;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.atrium.common.PublicRenderings;
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

    @Inject
    PublicRenderings published;

    /**
     * What a room's admission needs to know of its event and session, the same for everyone who joins: read once and
     * kept while no published data (events with their organisers, sessions, line-ups, speakers) has changed since it
     * was read ({@link PublicRenderings#generation}), so a join storm asks the database only whether each member is a
     * confirmed participant, and asks it for many members in one statement ({@link Participation#isConfirmedBatched}). {@code stageNames} is the session's line-up by account (a session room), or the event's
     * speakers' accounts with no names (an event channel).
     */
    private record Facts(
            long generation, long eventId, boolean draft, Set<String> organisers, Map<String, String> stageNames) {

        boolean organiser(String subject) {
            return subject != null && organisers.contains(subject);
        }

        /** As {@code Event.isVisibleTo}: a draft only to its organisers. */
        boolean visibleTo(String subject) {
            return !draft || organiser(subject);
        }
    }

    /** Bounded by the rooms people join; dropped whole when it grows past this (a rebuild costs one read per room). */
    private static final int MAX_FACTS = 10_000;

    private final Map<String, Facts> facts = new ConcurrentHashMap<>();

    private static final Facts NOT_FOUND = new Facts(0, 0, true, Set.of(), Map.of());

    Pass session(String sessionIdText, String subject) {
        long sessionId;
        try {
            sessionId = Long.parseLong(sessionIdText);
        } catch (NumberFormatException e) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        String room = LiveRoom.sessionKey(sessionId);
        Facts f = facts(room, () -> {
            ConferenceSession session = em.find(ConferenceSession.class, sessionId);
            if (session == null) {
                return null;
            }
            Event event = session.event;
            return new Facts(
                    0,
                    event.id,
                    !event.isVisibleTo(null),
                    Set.copyOf(event.organisers),
                    Map.copyOf(roles.stageNames(sessionId)));
        });
        if (f == NOT_FOUND || !f.visibleTo(subject)) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        boolean organiser = f.organiser(subject);
        String stageName = subject == null ? null : f.stageNames().get(subject);
        boolean onStage = stageName != null;
        if (!organiser && !onStage && !confirmed(f.eventId(), subject)) {
            return Pass.refused(Verdict.REFUSED);
        }
        ensureRoom(room, f.eventId(), sessionId);
        return new Pass(Verdict.ADMITTED, room, f.eventId(), sessionId, organiser || onStage, organiser, stageName);
    }

    Pass event(String slug, String subject) {
        Facts f = facts("slug:" + slug, () -> {
            Event event = Event.<Event>find("slug", slug).firstResult();
            if (event == null) {
                return null;
            }
            Map<String, String> speakers = new HashMap<>();
            roles.speakerAccounts(event.id).forEach(account -> speakers.put(account, ""));
            return new Facts(0, event.id, !event.isVisibleTo(null), Set.copyOf(event.organisers), Map.copyOf(speakers));
        });
        if (f == NOT_FOUND || !f.visibleTo(subject)) {
            return Pass.refused(Verdict.NOT_FOUND);
        }
        boolean organiser = f.organiser(subject);
        boolean speaker = subject != null && f.stageNames().containsKey(subject);
        if (!organiser && !speaker && !confirmed(f.eventId(), subject)) {
            return Pass.refused(Verdict.REFUSED);
        }
        String room = LiveRoom.eventKey(f.eventId());
        ensureRoom(room, f.eventId(), null);
        return new Pass(Verdict.ADMITTED, room, f.eventId(), null, organiser, organiser, null);
    }

    /**
     * The room's facts: kept ones while published data has not changed since they were read, else read now (null from
     * {@code read}: no such room, which is not kept).
     */
    private Facts facts(String key, Supplier<Facts> read) {
        long generation = published.generation();
        Facts kept = facts.get(key);
        if (kept != null && kept.generation() == generation) {
            return kept;
        }
        // read after the generation was taken: a change committed meanwhile moves it, and these are not used again
        Facts fresh = QuarkusTransaction.requiringNew().call(read::get);
        if (fresh == null) {
            return NOT_FOUND;
        }
        fresh = new Facts(generation, fresh.eventId(), fresh.draft(), fresh.organisers(), fresh.stageNames());
        if (facts.size() >= MAX_FACTS) {
            facts.clear();
        }
        facts.put(key, fresh);
        return fresh;
    }

    private boolean confirmed(long eventId, String subject) {
        return subject != null && participation.isConfirmedBatched(eventId, subject);
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
