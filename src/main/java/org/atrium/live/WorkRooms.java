package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.atrium.cluster.ClusterChannel;
import org.atrium.exhibition.GuestbooksModerated;
import org.atrium.exhibition.WorkVisits;

/**
 * The live rooms of the exhibition's works ({@code work:ID}, socket {@code /live/works/{id}}): who enters (asked of the
 * exhibition, {@link WorkVisits}), the room's row, and the snapshot's part that differs from a session's. Everything
 * else is the hub's: the guestbook is the room's Q&A ({@link QuestionBoard}, {@code live_question} rows with a
 * {@code work_id}), written by the room's writer, announced to other nodes and rendered for anonymity as questions
 * are; reactions and presence are those of any room. Kept apart from {@link Admission} and the session snapshot so
 * that those stay as they are.
 */
@ApplicationScoped
class WorkRooms {

    @Inject
    WorkVisits visits;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    QuestionBoard questions;

    @Inject
    LiveConfig config;

    @Inject
    Clock clock;

    @Inject
    LiveRooms rooms;

    @Inject
    ClusterChannel cluster;

    /**
     * A work's room admits whoever may enter the work's gallery (anyone signed in who may see the event for a published
     * gallery, the event's confirmed participants for a registered-only one); a draft gallery or event is not found
     * except by the event's curators and organisers, who always enter and moderate the guestbook.
     */
    @Transactional
    Admission.Pass admit(String workIdText, String subject) {
        long workId;
        try {
            workId = Long.parseLong(workIdText);
        } catch (NumberFormatException e) {
            return Admission.Pass.refused(Admission.Verdict.NOT_FOUND);
        }
        WorkVisits.Visit visit = visits.visit(workId, subject);
        switch (visit.verdict()) {
            case NOT_FOUND -> {
                return Admission.Pass.refused(Admission.Verdict.NOT_FOUND);
            }
            case REGISTERED_ONLY -> {
                return Admission.Pass.refused(Admission.Verdict.REFUSED);
            }
            case ADMITTED -> {}
        }
        String room = LiveRoom.workKey(workId);
        ensureRoom(room, visit.eventId(), workId, visit.premoderation());
        return new Admission.Pass(
                Admission.Verdict.ADMITTED, room, visit.eventId(), null, visit.curator(), visit.organiser(), null);
    }

    /** Rooms known to have their row committed. */
    private final Set<String> knownRooms = ConcurrentHashMap.newKeySet();

    /** The room's row, committed on its own (as {@link Admission} does), with the gallery's pre-moderation. */
    private void ensureRoom(String room, long eventId, long workId, boolean premoderation) {
        if (knownRooms.contains(room)) {
            return;
        }
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("insert into live_room (room, event_id, work_id, premoderation)"
                                + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                        .setParameter(1, room)
                        .setParameter(2, eventId)
                        .setParameter(3, workId)
                        .setParameter(4, premoderation)
                        .executeUpdate());
        knownRooms.add(room);
    }

    /** Inside the snapshot's transaction: the room, its settings and the guestbook as the member may see it. */
    void snapshot(LiveRoom room, Member member, ObjectNode frame) {
        frame.putObject("room").put("key", room.key).put("workId", room.workId).put("eventId", room.eventId);
        RoomSettings settings = em.find(RoomSettings.class, room.key);
        boolean open = settings.qaOpen(clock.instant(), null, null, config.qaOpensBefore(), config.qaClosesAfter());
        frame.set("settings", WireJson.settings(json, settings, open, null, null, config));
        questions.snapshot(json, room.key, member, frame);
    }

    /**
     * A gallery's pre-moderation switched: its works' rooms switch with it, in the same transaction; the writers of
     * those rooms read their rules again (here after the commit, on other nodes when the commit delivers the notice).
     */
    void galleryModeration(@Observes(during = TransactionPhase.IN_PROGRESS) GuestbooksModerated change) {
        if (change.workIds().isEmpty()) {
            return;
        }
        em.createNativeQuery("update live_room set premoderation = ?1 where work_id in (?2)")
                .setParameter(1, change.premoderation())
                .setParameter(2, change.workIds())
                .executeUpdate();
        cluster.publish(LiveRooms.RULES_TOPIC, Long.toString(change.eventId()));
    }

    void galleryModerated(@Observes(during = TransactionPhase.AFTER_SUCCESS) GuestbooksModerated change) {
        rooms.rulesChanged(change.eventId());
    }
}
