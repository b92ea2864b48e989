package org.atrium.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.atrium.common.DomainException;

/** A room's settings, Q&A opening, mutes and the event channel's announcements. */
@ApplicationScoped
class Moderation {

    @Inject
    EntityManager em;

    @Inject
    LiveConfig config;

    Batch.Applied configure(Batch b, Command c) {
        Boolean premoderation = c.flag("premoderation");
        Integer slow = c.count("slowModeSeconds");
        if (premoderation == null && slow == null) {
            throw Command.missing("premoderation");
        }
        if (slow != null && (slow < 0 || slow > config.maxSlowModeSeconds())) {
            throw new DomainException(
                    400,
                    "message.invalid-field",
                    "slowModeSeconds must be between 0 and " + config.maxSlowModeSeconds() + ".",
                    Map.of("field", "slowModeSeconds"));
        }
        if (premoderation != null) {
            b.settings.premoderation = premoderation;
        }
        if (slow != null) {
            b.settings.slowModeSeconds = slow;
        }
        return roomUpdated(b);
    }

    Batch.Applied qa(Batch b, RoomSettings.QaMode mode) {
        b.settings.qaMode = mode;
        return roomUpdated(b);
    }

    Batch.Applied mute(Batch b, Command c, boolean on) {
        String subject = c.string("subject");
        String scope = c.body().path("scope").asText("room");
        if (!scope.equals("room") && !scope.equals("event")) {
            throw Command.invalid("scope", "\"room\" or \"event\"");
        }
        if (scope.equals("event") && !c.member().organiser) {
            throw DomainException.forbidden("Only organisers mute an account in the whole event.");
        }
        String room = scope.equals("room") ? b.room.key : null;
        if (on) {
            int inserted = em.createNativeQuery(
                            "insert into live_mute (event_id, room, subject, created_by, created_at)"
                                    + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                    .setParameter(1, b.room.eventId)
                    .setParameter(2, room)
                    .setParameter(3, subject)
                    .setParameter(4, c.member().subject)
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
                .put("scope", scope);
        return new Batch.Applied(event, subject, true);
    }

    Batch.Applied announce(Batch b, Command c) {
        String text = c.text("text", config.maxTextLength());
        ObjectNode event = b.event("announcement.posted");
        ObjectNode a = event.putObject("announcement");
        a.set("author", Views.author(b.json, c.member().subject, c.member().name));
        a.put("text", text).put("at", b.now.toString());
        return new Batch.Applied(event, null, false);
    }

    /** The schedule moved, created or cancelled a session of the event (sent on the event channel). */
    Batch.Applied sessionChanged(Batch b, Command c) {
        ObjectNode event = b.event("session.changed");
        event.setAll((ObjectNode) c.body().deepCopy());
        return new Batch.Applied(event, null, false);
    }

    private Batch.Applied roomUpdated(Batch b) {
        ObjectNode event = b.event("room.updated");
        event.set("settings", b.settingsView());
        return new Batch.Applied(event, null, false);
    }
}
