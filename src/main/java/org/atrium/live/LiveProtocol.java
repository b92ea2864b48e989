package org.atrium.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The frames of the live protocol (documented in src/docs/live-protocol.md) and their rendering; the commands are
 * declared in {@link LiveCommand}.
 */
final class LiveProtocol {

    /** Close codes. 1003 (binary frame) and 1009 (frame too big) are the standard ones. */
    static final int CLOSE_UNSUPPORTED = 1003;

    static final int CLOSE_TOO_BIG = 1009;
    static final int CLOSE_AUTH_EXPIRED = 4001;
    static final int CLOSE_SILENT = 4002;
    static final int CLOSE_TOO_SLOW = 4008;
    static final int CLOSE_NOT_ADMITTED = 4403;
    static final int CLOSE_NOT_FOUND = 4404;
    static final int CLOSE_TOO_MANY_CONNECTIONS = 4429;

    /** Frames the server sends. */
    static final Set<String> SERVER_FRAMES = Set.of(
            "snapshot",
            "resume",
            "ack",
            "error",
            "pong",
            "presence",
            "question.asked",
            "question.updated",
            "question.voted",
            "question.replied",
            "question.merged",
            "room.updated",
            "chat.posted",
            "chat.deleted",
            "member.muted",
            "member.unmuted",
            "announcement.posted",
            "session.changed",
            "stage.changed",
            "notice.received",
            "poll.launched",
            "poll.voted",
            "poll.results",
            "poll.closed",
            "poll.word-hidden",
            "reactions");

    private LiveProtocol() {}

    static String write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String error(ObjectMapper json, String ref, String code, String message, Map<String, Object> details) {
        ObjectNode frame = json.createObjectNode().put("type", "error");
        if (ref != null) {
            frame.put("ref", ref);
        }
        frame.put("code", code).put("message", message);
        details.forEach((k, v) -> frame.set(k, json.valueToTree(v)));
        return write(json, frame);
    }

    /** The member's resume ticket: the room again after a drop, without a new ticket (src/docs/live-protocol.md). */
    static String resume(LiveTickets.Issued issued) {
        return "{\"type\":\"resume\",\"ticket\":\"" + issued.ticket() + "\",\"expiresAt\":\"" + issued.expiresAt()
                + "\"}";
    }

    static String ack(long seq, String ref) {
        return "{\"type\":\"ack\",\"ref\":" + quote(ref) + ",\"seq\":" + seq + "}";
    }

    /** Renders a room event the writer has just stored under {@code seq} (see below). */
    static Delivery render(ObjectMapper json, RoomEvent event, long seq) {
        return render(json, event.frame(), seq, event.owner(), event.restricted());
    }

    /**
     * Renders an event once per audience: for organisers (every author), for everyone else (every anonymous author
     * removed), and for each account whose anonymous question the event embeds (that account's own name only). Live
     * events and stored ones replayed on a resume go through here, so the stored log may keep every author.
     */
    static Delivery render(ObjectMapper json, ObjectNode event, long seq, String owner, boolean restricted) {
        Delivery.Rendering full = new Delivery.Rendering(write(json, event));
        Set<String> authors = new HashSet<>();
        if (!anonymousAuthors(event, authors)) {
            return new Delivery(seq, owner, restricted, full, full, Map.of());
        }
        Delivery.Rendering redacted = new Delivery.Rendering(write(json, redact(event.deepCopy(), null)));
        Map<String, Delivery.Rendering> revealed = new HashMap<>();
        for (String author : authors) {
            // when the event names only one account anonymously, the full rendering shows that account nothing else
            revealed.put(
                    author,
                    authors.size() == 1 ? full : new Delivery.Rendering(write(json, redact(event.deepCopy(), author))));
        }
        return new Delivery(seq, owner, restricted, full, redacted, revealed);
    }

    /**
     * Collects the authors of the anonymous items in {@code node}; true when there is at least one (an anonymous item
     * whose author is unknown counts, and is shown to organisers only).
     */
    private static boolean anonymousAuthors(JsonNode node, Set<String> authors) {
        boolean found = false;
        if (node.isObject() && node.path("anonymous").asBoolean(false)) {
            found = true;
            JsonNode subject = node.path("author").path("subject");
            if (subject.isTextual()) {
                authors.add(subject.asText());
            }
        }
        for (JsonNode child : node) {
            if (child.isContainerNode() && anonymousAuthors(child, authors)) {
                found = true;
            }
        }
        return found;
    }

    /**
     * The anonymity rule, in one place: removes the author of every anonymous item in {@code node} except the items
     * {@code reader} wrote themself (null: every anonymous author). Organisers are never redacted for.
     */
    static JsonNode redact(JsonNode node, String reader) {
        if (node instanceof ObjectNode object
                && object.path("anonymous").asBoolean(false)
                && (reader == null
                        || !reader.equals(object.path("author").path("subject").asText(null)))) {
            object.putNull("author");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child.isContainerNode()) {
                redact(child, reader);
            }
        }
        return node;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
