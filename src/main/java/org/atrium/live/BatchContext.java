package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.atrium.common.DomainException;
import org.atrium.common.Sql;

/**
 * What the room writer knows while it applies one batch of a room's commands inside one transaction: the room's
 * current settings, mutes and banned words, the session's times, the time now, the seq the next event gets, and the
 * per-author totals read for the batch.
 */
final class BatchContext {

    final LiveRoom room;
    final ObjectMapper json;
    final Instant now;
    final RoomSettings settings;
    final Set<String> muted;
    final Set<String> bannedWords;
    final Instant startsAt;
    final Instant endsAt;
    final LiveConfig config;
    /** The batch's commands (per-author totals are read for all of them at once). */
    final List<Command> commands;

    long seq;
    final Map<String, Instant> chatTimes = new HashMap<>();
    /** The tallies of the polls this batch touched, written back to their rows at its end. */
    final Map<Long, Polls.Tally> tallies = new java.util.LinkedHashMap<>();
    /** Per kind and author: how many they had stored in this room, plus what this batch added so far. */
    private final Map<String, Long> totals = new HashMap<>();

    BatchContext(
            LiveRoom room,
            ObjectMapper json,
            Instant now,
            RoomSettings settings,
            Set<String> muted,
            Set<String> bannedWords,
            Instant startsAt,
            Instant endsAt,
            LiveConfig config,
            List<Command> commands,
            long seq) {
        this.room = room;
        this.json = json;
        this.now = now;
        this.settings = settings;
        this.muted = muted;
        this.bannedWords = bannedWords;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.config = config;
        this.commands = commands;
        this.seq = seq;
    }

    /** A new event frame stamped with the seq it gets if the command is accepted. */
    ObjectNode event(String type) {
        return json.createObjectNode().put("type", type).put("seq", seq + 1);
    }

    boolean qaOpen() {
        return settings.qaOpen(now, startsAt, endsAt, config.qaOpensBefore(), config.qaClosesAfter());
    }

    void requireQaOpen() {
        if (!qaOpen()) {
            throw DomainException.conflict("qa.closed", "Q&A is closed in this room.");
        }
    }

    /**
     * Refuses a command that would give {@code subject} more than {@code limit} (0: no limit) things of one kind in this
     * room ({@code code}, 409). The stored totals are read once per batch, for every author of a {@code counted}
     * command in it, in one query ({@code stored}: author -> rows); this batch's own additions count.
     */
    void requireUnderTotal(
            String code,
            String what,
            LiveCommand counted,
            String subject,
            int limit,
            Function<String[], Map<String, Long>> stored) {
        if (limit <= 0) {
            return;
        }
        String key = code + '\u0000' + subject;
        if (!totals.containsKey(key)) {
            Set<String> authors = new HashSet<>();
            authors.add(subject);
            for (Command c : commands) {
                if (c.kind() == counted) {
                    authors.add(c.member().subject);
                }
            }
            Map<String, Long> counts = stored.apply(authors.toArray(String[]::new));
            for (String author : authors) {
                totals.putIfAbsent(code + '\u0000' + author, counts.getOrDefault(author, 0L));
            }
        }
        long total = totals.get(key);
        if (total >= limit) {
            throw new DomainException(
                    409, code, "You may post at most " + limit + " " + what + " in this room.", Map.of("limit", limit));
        }
        totals.put(key, total + 1);
    }

    /**
     * How many rows each of {@code authors} has in {@code table} (a live table with {@code room} and {@code author},
     * indexed on both: V90) in this room: one query for a batch's authors.
     */
    static Map<String, Long> rowsPerAuthor(EntityManager em, String table, String room, String[] authors) {
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<String, Long> row : Sql.list(
                em,
                "select author, count(*) from " + table + " where room = ? and author = any(?) group by author",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                room,
                authors)) {
            counts.put(row.getKey(), row.getValue());
        }
        return counts;
    }

    /** The poll's tally for this batch (read from its row once). */
    Polls.Tally tally(Poll poll) {
        return tallies.computeIfAbsent(poll.id, id -> new Polls.Tally(poll));
    }

    void requireNotMuted(String subject) {
        if (muted.contains(subject)) {
            throw new DomainException(403, "member.muted", "You are muted in this room.");
        }
    }

    /** The room's settings as the socket shows them (room.updated, snapshot). */
    ObjectNode settingsView() {
        return WireJson.settings(json, settings, qaOpen(), startsAt, endsAt, config);
    }
}
