package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON shapes of questions, replies, chat lines, authors and room settings on the socket (entities never go out as
 * they are).
 */
final class WireJson {

    private WireJson() {}

    static ObjectNode author(ObjectMapper json, String subject, String name) {
        return json.createObjectNode().put("subject", subject).put("name", name);
    }

    static ObjectNode question(ObjectMapper json, Question q) {
        ObjectNode n = json.createObjectNode().put("id", q.id);
        n.set("author", author(json, q.author, q.authorName));
        n.put("anonymous", q.anonymous)
                .put("text", q.text)
                .put("state", q.state.name().toLowerCase())
                .put("pinned", q.pinned)
                .put("votes", q.votes);
        if (q.mergedInto != null) {
            n.put("mergedInto", q.mergedInto);
        }
        n.put("askedAt", q.createdAt.toString());
        return n;
    }

    static ObjectNode reply(ObjectMapper json, Reply r) {
        ObjectNode n = json.createObjectNode().put("id", r.id);
        n.set("author", author(json, r.author, r.authorName));
        return n.put("text", r.text).put("at", r.createdAt.toString());
    }

    static ObjectNode chat(ObjectMapper json, ChatMessage m) {
        ObjectNode n = json.createObjectNode().put("id", m.id);
        n.set("author", author(json, m.author, m.authorName));
        return n.put("text", m.text).put("at", m.createdAt.toString());
    }

    static ObjectNode settings(
            ObjectMapper json,
            RoomSettings settings,
            boolean qaOpen,
            Instant startsAt,
            Instant endsAt,
            LiveConfig config) {
        ObjectNode s = json.createObjectNode()
                .put("premoderation", settings.premoderation)
                .put("slowModeSeconds", settings.slowModeSeconds)
                .put("qaMode", settings.qaMode.name().toLowerCase())
                .put("qaOpen", qaOpen);
        if (startsAt != null) {
            s.put("qaOpensAt", startsAt.minus(config.qaOpensBefore()).toString());
            s.put("qaClosesAt", endsAt.plus(config.qaClosesAfter()).toString());
        }
        return s;
    }
}
