package org.atrium.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atrium.schedule.SessionView.SpeakerRef;

/** Who is on which sessions, read in one query for many sessions at once (no query per session). */
final class LineUps {

    private static final String SELECT = "select ss.id.sessionId, ss.id.speakerId, sp.name, ss.role"
            + " from SessionSpeaker ss join ss.speaker sp where ";
    private static final String ORDER = " order by ss.id.sessionId, ss.position, sp.name";

    private LineUps() {}

    /** The line-ups of the given sessions; sessions without speakers are absent from the map. */
    static Map<Long, List<SpeakerRef>> of(Collection<Long> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return collect(ConferenceSession.getEntityManager()
                .createQuery(SELECT + "ss.id.sessionId in :ids" + ORDER, Object[].class)
                .setParameter("ids", sessionIds)
                .getResultList());
    }

    /** The line-ups of every session of an event. */
    static Map<Long, List<SpeakerRef>> ofEvent(long eventId) {
        return collect(ConferenceSession.getEntityManager()
                .createQuery(SELECT + "ss.session.event.id = :event" + ORDER, Object[].class)
                .setParameter("event", eventId)
                .getResultList());
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
