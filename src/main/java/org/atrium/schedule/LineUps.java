package org.atrium.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atrium.schedule.SessionView.SpeakerRef;
import org.atrium.speaker.SpeakerRemoved;

/** Who is on which sessions, read in one query for many sessions at once (no query per session). */
@ApplicationScoped
class LineUps {

    private static final String SELECT = "select ss.id.sessionId, ss.id.speakerId, sp.name, ss.role"
            + " from SessionSpeaker ss join ss.speaker sp where ";
    private static final String ORDER = " order by ss.id.sessionId, ss.position, sp.name";

    @Inject
    EntityManager em;

    /** The line-ups of the given sessions; sessions without speakers are absent from the map. */
    Map<Long, List<SpeakerRef>> ofSessions(Collection<Long> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return collect(em.createQuery(SELECT + "ss.id.sessionId in :ids" + ORDER, Object[].class)
                .setParameter("ids", sessionIds)
                .getResultList());
    }

    /** The line-ups of every session of an event. */
    Map<Long, List<SpeakerRef>> ofEvent(long eventId) {
        return collect(em.createQuery(SELECT + "ss.session.event.id = :event" + ORDER, Object[].class)
                .setParameter("event", eventId)
                .getResultList());
    }

    /**
     * A speaker leaving the event leaves every line-up it was on (the database cascades); those sessions change, so
     * their versions move (clients' copies go stale, the programme's fingerprint changes). Same transaction.
     */
    void onSpeakerRemoved(@Observes SpeakerRemoved removed) {
        em.createNativeQuery("update conference_session set version = version + 1 where id in"
                        + " (select session_id from session_speaker where speaker_id = ?1)")
                .setParameter(1, removed.speakerId())
                .executeUpdate();
    }

    private static Map<Long, List<SpeakerRef>> collect(List<Object[]> rows) {
        Map<Long, List<SpeakerRef>> bySession = new LinkedHashMap<>();
        for (Object[] row : rows) {
            bySession
                    .computeIfAbsent((Long) row[0], k -> new ArrayList<>())
                    .add(new SpeakerRef((Long) row[1], (String) row[2], (SessionSpeaker.Role) row[3]));
        }
        return bySession;
    }

    static List<SpeakerRef> of(Map<Long, List<SpeakerRef>> lineUps, long sessionId) {
        return lineUps.getOrDefault(sessionId, List.of());
    }

    /** Speaker ids per session, for the conflict rules. */
    static Map<Long, java.util.Set<Long>> speakerIds(Map<Long, List<SpeakerRef>> lineUps) {
        Map<Long, java.util.Set<Long>> ids = new HashMap<>();
        lineUps.forEach((session, refs) -> ids.put(
                session, refs.stream().map(SpeakerRef::speakerId).collect(java.util.stream.Collectors.toSet())));
        return ids;
    }
}
