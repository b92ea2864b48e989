package org.atrium.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.atrium.common.DomainException;

/** A room's settings, Q&A opening, mutes and the event channel's announcements. */
@ApplicationScoped
class Moderation {

    @Inject
    EntityManager em;

    RoomEvent configure(BatchContext b, Payload.Configure change) {
        if (change.premoderation() != null) {
            b.settings.premoderation = change.premoderation();
        }
        if (change.slowModeSeconds() != null) {
            b.settings.slowModeSeconds = change.slowModeSeconds();
        }
        return roomUpdated(b);
    }

    RoomEvent qa(BatchContext b, RoomSettings.QaMode mode) {
        b.settings.qaMode = mode;
        return roomUpdated(b);
    }

    RoomEvent mute(BatchContext b, Member moderator, Payload.MuteTarget target, boolean on) {
        String subject = target.subject();
        if (target.eventWide() && !moderator.organiser) {
            throw DomainException.forbidden("Only organisers mute an account in the whole event.");
        }
        String room = target.eventWide() ? null : b.room.key;
        if (on) {
            int inserted = em.createNativeQuery(
                            "insert into live_mute (event_id, room, subject, created_by, created_at)"
                                    + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                    .setParameter(1, b.room.eventId)
                    .setParameter(2, room)
                    .setParameter(3, subject)
                    .setParameter(4, moderator.subject)
                    .setParameter(5, b.now)
                    .executeUpdate();
            if (inserted == 0) {
                throw DomainException.conflict("member.already-muted", "This account is already muted there.");
            }
            b.muted.add(subject);
        } else {
            int deleted = em.createNativeQuery("delete from live_mute where event_id = ?1 and subject = ?2"
                            + " and coalesce(room, '') = coalesce(cast(?3 as varchar), '')")
                    .setParameter(1, b.room.eventId)
                    .setParameter(2, subject)
                    .setParameter(3, room)
                    .executeUpdate();
            if (deleted == 0) {
                throw DomainException.conflict("member.not-muted", "This account is not muted there.");
            }
            b.muted.remove(subject);
        }
        ObjectNode event = b.event(on ? "member.muted" : "member.unmuted")
                .put("subject", subject)
                .put("scope", target.scope());
        return new RoomEvent(event, subject, true);
    }

    RoomEvent announce(BatchContext b, Member organiser, Payload.Text announcement) {
        ObjectNode event = b.event("announcement.posted");
        ObjectNode a = event.putObject("announcement");
        a.set("author", WireJson.author(b.json, organiser.subject, organiser.name));
        a.put("text", announcement.text()).put("at", b.now.toString());
        return new RoomEvent(event, null, false);
    }

    /** The schedule moved, created or cancelled a session of the event (sent on the event channel). */
    RoomEvent sessionChanged(BatchContext b, Payload.SessionChange change) {
        ObjectNode event = b.event("session.changed")
                .put("sessionId", change.sessionId())
                .put("change", change.change())
                .put("scheduleRevision", change.scheduleRevision());
        return new RoomEvent(event, null, false);
    }

    /** A stream or recording of the event was set or removed (sent on the event channel). */
    RoomEvent stageChanged(BatchContext b, Payload.StageChange change) {
        ObjectNode event = b.event("stage.changed").put("purpose", change.purpose());
        if (change.roomId() != null) {
            event.put("roomId", change.roomId());
        }
        if (change.sessionId() != null) {
            event.put("sessionId", change.sessionId());
        }
        return new RoomEvent(event, null, false);
    }

    private RoomEvent roomUpdated(BatchContext b) {
        ObjectNode event = b.event("room.updated");
        event.set("settings", b.settingsView());
        return new RoomEvent(event, null, false);
    }
}
