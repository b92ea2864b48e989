package org.atrium.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.atrium.event.Event;

/**
 * Rendered programmes kept in memory, each under a fingerprint of everything it is made of, read in one aggregate
 * query: the event's version, and for its sessions, rooms, tracks, speakers and line-ups the row count, the sum of
 * versions and the sum of ids. Every change the catalogue makes moves one of them (updates bump {@code @Version},
 * inserts add a new and higher id, deletes lower the count; line-up and link changes bump their session or speaker),
 * so a cached body is served only while the rows it was built from are unchanged. The fingerprint is read before
 * the body is built, so a body is never older than its fingerprint; at worst a newer body is rebuilt once more.
 * Code that changes these tables behind the entities (bulk SQL) must bump a version, as the catalogue's own bulk
 * updates do. A programme rendered in variants (e.g. for a viewer's zone) must key its entries by the variant too.
 */
@ApplicationScoped
class ProgrammeCache {

    /** About 130 KB per 300-session programme: at most ~17 MB. */
    private static final int MAX_ENTRIES = 128;

    /** A programme as sent: JSON bytes and their hash, the value of its strong ETag. */
    record Rendered(byte[] body, String hash) {}

    private record Entry(String fingerprint, Rendered rendered) {}

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    Rendered get(Event event, Supplier<Rendered> render) {
        String fingerprint = fingerprint(event);
        Entry entry = entries.get(event.id);
        if (entry != null && entry.fingerprint().equals(fingerprint)) {
            return entry.rendered();
        }
        Rendered rendered = render.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(event.id, new Entry(fingerprint, rendered));
        return rendered;
    }

    void invalidateAll() {
        entries.clear();
    }

    String fingerprint(Event event) {
        Object row = em.createNativeQuery("""
                        select concat_ws('/',
                          (select concat_ws(':', count(*), sum(version), sum(id)) from conference_session
                            where event_id = ?1),
                          (select concat_ws(':', count(*), sum(version), sum(id)) from room where event_id = ?1),
                          (select concat_ws(':', count(*), sum(version), sum(id)) from track where event_id = ?1),
                          (select concat_ws(':', count(*), sum(version), sum(id)) from speaker where event_id = ?1),
                          (select concat_ws(':', count(*), sum(ss.session_id * 31 + ss.speaker_id * 7 + ss.position),
                                  sum(length(ss.role)))
                             from session_speaker ss join conference_session s on s.id = ss.session_id
                            where s.event_id = ?1))
                        """).setParameter(1, event.id).getSingleResult();
        return List.of(event.version, event.status, row).toString();
    }
}
