package org.atrium.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Sql;

/** Chat use cases of a room: post (mutes, slow mode, banned words) and a moderator's delete. */
@ApplicationScoped
class Chat {

    @Inject
    EntityManager em;

    @Inject
    Bounds bounds;

    /**
     * When {@code subject} last posted in the room, as far as slow mode needs it: this node's writer remembers its own
     * lines, and when that says nothing since {@code since}, the stored lines say whether another node took one
     * (the batch holds the room's lock, so every node's committed line is visible). Slow mode thus holds across the
     * cluster, at one query per line that this node alone would have let through: a range of the (room, author,
     * created_at) index within the interval.
     */
    static final String LAST_LINE_SQL =
            "select max(created_at) from live_chat where room = ? and author = ? and created_at > ?";

    private Instant lastLine(BatchContext b, String subject, Instant since) {
        Instant here = b.room.lastChat.get(subject);
        if (here != null && here.isAfter(since)) {
            return here;
        }
        List<Instant> stored = Sql.list(
                em,
                LAST_LINE_SQL,
                rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                b.room.key,
                subject,
                since.atOffset(java.time.ZoneOffset.UTC));
        return stored.isEmpty() || stored.get(0) == null ? here : stored.get(0);
    }

    RoomEvent post(BatchContext b, Member author, Payload.Text line) {
        String text = line.text();
        String subject = author.subject;
        b.requireNotMuted(subject);
        String banned = bannedWordIn(text, b.bannedWords);
        if (banned != null) {
            throw new DomainException(
                    400, "chat.banned-word", "This message contains a word not allowed at this event.", Map.of());
        }
        if (b.settings.slowModeSeconds > 0 && !author.moderator) {
            Instant last = b.chatTimes.containsKey(subject)
                    ? b.chatTimes.get(subject)
                    : lastLine(b, subject, b.now.minusSeconds(b.settings.slowModeSeconds));
            if (last != null) {
                Instant next = last.plusSeconds(b.settings.slowModeSeconds);
                if (b.now.isBefore(next)) {
                    long wait = Math.max(1, Duration.between(b.now, next).toSeconds());
                    throw new DomainException(
                            429,
                            "chat.slow-mode",
                            "Slow mode: wait " + wait + " s before your next message.",
                            Map.of("retryAfterSeconds", wait));
                }
            }
        }
        b.requireUnderTotal(
                "chat.too-many-lines",
                "chat lines",
                LiveCommand.CHAT_POST,
                subject,
                bounds.chatLinesPerAccountPerRoom(),
                authors -> BatchContext.rowsPerAuthor(em, "live_chat", b.room.key, authors));
        ChatMessage m = new ChatMessage();
        m.room = b.room.key;
        m.author = subject;
        m.authorName = author.name;
        m.text = text;
        m.createdAt = b.now;
        em.persist(m);
        b.chatTimes.put(subject, b.now);
        ObjectNode event = b.event("chat.posted");
        event.set("message", WireJson.chat(b.json, m));
        return new RoomEvent(event, subject, false);
    }

    RoomEvent delete(BatchContext b, Payload.MessageRef which) {
        long id = which.messageId();
        ChatMessage m = em.find(ChatMessage.class, id);
        if (m == null || !m.room.equals(b.room.key) || m.deleted) {
            throw DomainException.notFound("chat");
        }
        m.deleted = true;
        return new RoomEvent(b.event("chat.deleted").put("messageId", id), m.author, false);
    }

    /** The first banned word that appears as a whole word in the text (case-insensitive), or null. */
    static String bannedWordIn(String text, java.util.Set<String> banned) {
        if (banned.isEmpty()) {
            return null;
        }
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (banned.contains(word)) {
                return word;
            }
        }
        return null;
    }
}
