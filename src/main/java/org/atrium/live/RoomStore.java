package org.atrium.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atrium.cluster.ClusterChannel;
import org.atrium.common.DomainException;
import org.atrium.common.Sql;
import org.atrium.schedule.ConferenceSession;

/**
 * The database side of a room: applies a batch of commands in one transaction (validated against the current state,
 * appended to the log with consecutive seqs), and reads snapshots and missed events back.
 */
@ApplicationScoped
class RoomStore {

    /**
     * What became of one command of a batch: stored (its seq and its event, rendered once: the full rendering is what
     * the log holds), a repeat of a stored one, or refused.
     */
    record Outcome(Command command, long seq, Delivery delivery, DomainException error, boolean repeat) {}

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    LiveConfig config;

    @Inject
    QuestionBoard questions;

    @Inject
    Chat chat;

    @Inject
    Moderation moderation;

    @Inject
    ClusterChannel cluster;

    @Inject
    Polls polls;

    @Inject
    WorkRooms workRooms;

    private LiveCommand.UseCases useCases;

    @PostConstruct
    void init() {
        useCases = new LiveCommand.UseCases(questions, chat, moderation, polls);
    }

    /**
     * A committed batch: each command's outcome, the room's new last seq, the chat times for slow mode, and the rules
     * it was checked against when the writer may keep them for the next batch (null when the batch changed them).
     */
    record Result(
            List<Outcome> outcomes,
            long lastSeq,
            Map<String, Instant> chatTimes,
            LiveRoom.Rules rules,
            Map<Long, Delivery> pollResults) {}

    /**
     * Runs on the room's writer; commits before it returns. Throws when the database fails: then nothing was stored
     * and the room's memory (seq, slow mode) must not move on.
     */
    Result apply(LiveRoom room, List<Command> commands) {
        return QuarkusTransaction.requiringNew().call(() -> applyInTransaction(room, commands));
    }

    private Result applyInTransaction(LiveRoom room, List<Command> commands) {
        // one batch at a time per room across every node: the lock is held until this transaction ends, and the seq
        // is read under it (another node may have written since this one's last batch)
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "live:" + room.key)
                .getSingleResult();
        long lastSeq = lastSeqOf(room.key);
        Map<String, Long> stored = storedRefs(room, commands);
        boolean changesRules = commands.stream().anyMatch(c -> c.kind().changesRules());
        LiveRoom.Rules rules = room.rules;
        if (changesRules || rules == null || rules.generation() != room.eventChanges.get()) {
            // a batch that changes the rules works on managed, freshly read ones; the writer keeps them only once it
            // knows they were committed (RoomWriter.store)
            rules = readRules(room);
        }
        BatchContext b = new BatchContext(
                room,
                json,
                clock.instant(),
                rules.settings(),
                changesRules ? new HashSet<>(rules.muted()) : rules.muted(),
                rules.bannedWords(),
                rules.startsAt(),
                rules.endsAt(),
                config,
                commands,
                lastSeq);
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        Instant now = b.now;
        for (Command c : commands) {
            String key = c.author() + '\u0000' + c.ref();
            Long earlier = stored.get(key);
            if (earlier != null) {
                outcomes.add(new Outcome(c, earlier, null, null, true));
                continue;
            }
            try {
                RoomEvent event = c.kind().apply(useCases, b, c);
                long seq = ++b.seq;
                // rendered once, here: the log stores the full rendering, the fan-out sends it and the others
                Delivery delivery = LiveProtocol.render(json, event, seq);
                LogEntry entry = new LogEntry();
                entry.room = room.key;
                entry.seq = seq;
                entry.type = event.type();
                entry.payload = delivery.full().text();
                entry.author = c.author();
                entry.clientRef = c.ref();
                entry.owner = event.owner();
                entry.restricted = event.restricted();
                entry.createdAt = now;
                em.persist(entry);
                stored.put(key, seq);
                outcomes.add(new Outcome(c, seq, delivery, null, false));
            } catch (DomainException e) {
                outcomes.add(new Outcome(c, 0, null, e, false));
            }
        }
        // each touched poll's tally goes back to its row once, and its poll.results frame is rendered once for the
        // room's ticker (sent after the commit, at most once per tick)
        Map<Long, Delivery> pollResults = new LinkedHashMap<>();
        for (Polls.Tally t : b.tallies.values()) {
            t.writeBack();
            pollResults.put(t.poll.id, Polls.results(json, t.poll, t));
        }
        em.flush();
        if (changesRules) {
            // a mute is event-wide: the writers of the event's rooms on other nodes read their rules again
            cluster.publish(LiveRooms.RULES_TOPIC, Long.toString(room.eventId));
        }
        if (b.seq > lastSeq) {
            // the other nodes' members of this room read the new rows when this commits (and only if it does)
            cluster.publish(LiveRooms.EVENTS_TOPIC, room.key + " " + (lastSeq + 1) + " " + b.seq);
        }
        return new Result(outcomes, b.seq, b.chatTimes, changesRules ? null : rules, pollResults);
    }

    /**
     * Reads what every batch checks against. The event's change counter is read first, so a change committed while
     * this reads makes the next batch read again.
     */
    private LiveRoom.Rules readRules(LiveRoom room) {
        long generation = room.eventChanges.get();
        RoomSettings settings = em.find(RoomSettings.class, room.key);
        Set<String> muted = Set.copyOf(Sql.list(
                em,
                "select subject from live_mute where event_id = ? and (room is null or room = ?)",
                rs -> rs.getString(1),
                room.eventId,
                room.key));
        Set<String> banned = Set.copyOf(Sql.list(
                em, "select word from live_banned_word where event_id = ?", rs -> rs.getString(1), room.eventId));
        Instant startsAt = null;
        Instant endsAt = null;
        if (room.sessionId != null) {
            ConferenceSession session = em.find(ConferenceSession.class, room.sessionId);
            startsAt = session.startsAt;
            endsAt = session.endsAt;
        }
        return new LiveRoom.Rules(generation, settings, muted, banned, startsAt, endsAt);
    }

    /**
     * The seqs of this batch's (author, ref) pairs already in the room's log. One probe of the unique index (room,
     * author, client_ref) per pair, whatever the statistics say: each pair is looked up by equality on all three
     * columns, which the planner knows yields at most one row from that index, and the lateral subquery (kept apart
     * by {@code offset 0}) leaves it no join that could read the room's log instead. The earlier shape, {@code author
     * = any(?) and client_ref = any(?)}, had no such bound: before PostgreSQL's first ANALYZE of a fresh log its plan
     * read the whole room's log per batch (ack latency 124, 366, 807 ms over three short runs). LiveLogPlanTest checks
     * the plan on a never-analyzed table; LiveLogBenchmark measures it.
     */
    static final String STORED_REFS_SQL = "select k.author, k.client_ref, l.seq"
            + " from unnest(?::text[], ?::text[]) as k(author, client_ref)"
            + " cross join lateral (select seq from live_log"
            + " where room = ? and author = k.author and client_ref = k.client_ref offset 0) l";

    private Map<String, Long> storedRefs(LiveRoom room, List<Command> commands) {
        Map<String, String[]> pairs = new LinkedHashMap<>();
        for (Command c : commands) {
            String author = c.author();
            pairs.putIfAbsent(author + '\u0000' + c.ref(), new String[] {author, c.ref()});
        }
        Map<String, Long> stored = new HashMap<>();
        List<Map.Entry<String, Long>> rows = Sql.list(
                em,
                STORED_REFS_SQL,
                rs -> Map.entry(rs.getString(1) + "\u0000" + rs.getString(2), rs.getLong(3)),
                pairs.values().stream().map(p -> p[0]).toArray(String[]::new),
                pairs.values().stream().map(p -> p[1]).toArray(String[]::new),
                room.key);
        rows.forEach(r -> stored.put(r.getKey(), r.getValue()));
        return stored;
    }

    /** A snapshot frame as the member may see it, consistent with its seq (read in one repeatable-read view). */
    record Snapshot(String frame, long seq) {}

    Snapshot snapshot(LiveRoom room, Member member, String reason, int presence) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set transaction isolation level repeatable read")
                    .executeUpdate();
            long seq = lastSeqOf(room.key);
            ObjectNode frame = json.createObjectNode()
                    .put("type", "snapshot")
                    .put("seq", seq)
                    .put("reason", reason);
            frame.putObject("you")
                    .put("subject", member.subject)
                    .put("name", member.name)
                    .put("moderator", member.moderator)
                    .put("organiser", member.organiser);
            if (room.sessionId != null) {
                sessionSnapshot(room, member, frame, seq);
            } else if (room.workId != null) {
                workRooms.snapshot(room, member, frame);
            } else {
                eventSnapshot(room, member, frame);
            }
            frame.put("presence", presence);
            return new Snapshot(LiveProtocol.write(json, frame), seq);
        });
    }

    private void sessionSnapshot(LiveRoom room, Member member, ObjectNode frame, long seq) {
        ConferenceSession session = em.find(ConferenceSession.class, room.sessionId);
        ObjectNode roomNode = frame.putObject("room")
                .put("key", room.key)
                .put("sessionId", room.sessionId)
                .put("title", session.title)
                .put("startsAt", session.startsAt.toString())
                .put("endsAt", session.endsAt.toString());
        // The video link is for the people admitted to the room, so it travels in their snapshot (the public
        // catalogue shows it to organisers only).
        if (session.venue != null) {
            roomNode.put("venue", session.venue.name).put("joinUrl", session.venue.joinUrl);
        }
        RoomSettings settings = em.find(RoomSettings.class, room.key);
        boolean qaOpen = settings.qaOpen(
                clock.instant(), session.startsAt, session.endsAt, config.qaOpensBefore(), config.qaClosesAfter());
        frame.set("settings", WireJson.settings(json, settings, qaOpen, session.startsAt, session.endsAt, config));
        ArrayNode qs = questions.visible(json, room.key, member);
        Long pinned = null;
        for (JsonNode q : qs) {
            if (q.path("pinned").asBoolean()
                    && !"pending".equals(q.path("state").asText())) {
                pinned = q.get("id").asLong();
            }
            if (!member.organiser) {
                LiveProtocol.redact(q, member.subject);
            }
        }
        frame.set("questions", qs);
        if (pinned == null) {
            frame.putNull("pinned");
        } else {
            frame.put("pinned", pinned);
        }
        ArrayNode myVotes = frame.putArray("myVotes");
        Sql.list(
                        em,
                        "select v.question_id from live_vote v join live_question q on q.id = v.question_id"
                                + " where q.room = ? and v.voter = ? order by v.question_id",
                        rs -> rs.getLong(1),
                        room.key,
                        member.subject)
                .forEach(myVotes::add);
        // the last chat lines are the same for everyone at a given seq: a join storm reads them once
        LiveRoom.ChatLines cached = room.chatLines;
        if (cached == null || cached.seq() != seq) {
            List<ChatMessage> lines = em.createQuery(
                            "from ChatMessage where room = ?1 and deleted = false order by id desc", ChatMessage.class)
                    .setParameter(1, room.key)
                    .setMaxResults(config.snapshotChatLines())
                    .getResultList();
            ArrayNode chatLines = json.createArrayNode();
            for (int i = lines.size() - 1; i >= 0; i--) {
                chatLines.add(WireJson.chat(json, lines.get(i)));
            }
            cached = new LiveRoom.ChatLines(seq, chatLines);
            room.chatLines = cached;
        }
        frame.set("chat", cached.lines());
        polls.snapshot(json, room.key, member, frame);
    }

    private void eventSnapshot(LiveRoom room, Member member, ObjectNode frame) {
        frame.putObject("room").put("key", room.key).put("eventId", room.eventId);
        List<?> payloads = em.createNativeQuery(
                        "select cast(payload as text) from live_log where room = ?1 and type = 'announcement.posted'"
                                + " order by seq desc limit ?2")
                .setParameter(1, room.key)
                .setParameter(2, config.snapshotAnnouncements())
                .getResultList();
        ArrayNode list = frame.putArray("announcements");
        for (int i = payloads.size() - 1; i >= 0; i--) {
            list.add(parse((String) payloads.get(i)).get("announcement"));
        }
        polls.snapshot(json, room.key, member, frame);
    }

    /**
     * The stored events after {@code since}, in order, or null when the client should get a snapshot instead (too far
     * behind, or a seq this room never reached).
     */
    List<Delivery> since(LiveRoom room, long since) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long max = lastSeqOf(room.key);
            if (since > max || max - since > config.maxResumeEvents()) {
                return null;
            }
            List<?> rows = em.createNativeQuery("select seq, cast(payload as text), owner, restricted from live_log"
                            + " where room = ?1 and seq > ?2 order by seq")
                    .setParameter(1, room.key)
                    .setParameter(2, since)
                    .getResultList();
            List<Delivery> out = new ArrayList<>(rows.size());
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                long seq = ((Number) r[0]).longValue();
                ObjectNode stored = (ObjectNode) parse((String) r[1]);
                ObjectNode event = json.createObjectNode();
                event.set("type", stored.remove("type"));
                event.set("seq", stored.remove("seq"));
                event.setAll(stored);
                out.add(LiveProtocol.render(json, event, seq, (String) r[2], (Boolean) r[3]));
            }
            return out;
        });
    }

    /** The highest seq stored for a room (0 when empty). */
    private long lastSeqOf(String room) {
        return Sql.longValue(em, "select coalesce(max(seq), 0) from live_log where room = ?", room);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
