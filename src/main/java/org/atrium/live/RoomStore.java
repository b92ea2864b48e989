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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.atrium.cluster.ClusterChannel;
import org.atrium.common.BatchedCalls;
import org.atrium.common.DomainException;
import org.atrium.common.Sql;
import org.atrium.schedule.ConferenceSession;
import org.hibernate.Session;

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

    @Inject
    DataSource dataSource;

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

    /** A snapshot frame as the member may see it, consistent with its seq. */
    record Snapshot(String frame, long seq) {}

    /**
     * A member's own rows at the room's current seq, in one statement (so in one consistent view of the database): the
     * room's last seq, the questions they voted for, and their poll answers. Plain JDBC; a join reads it inside the transaction that reads a new shared part, else {@link #OWN_ROWS_BATCH_SQL}.
     */
    static final String OWN_ROWS_SQL = "select 0, coalesce(max(seq), 0), null::text, null::text from live_log"
            + " where room = ?"
            + " union all select 1, v.question_id, null, null from live_vote v"
            + " join live_question q on q.id = v.question_id where q.room = ? and v.voter = ?"
            + " union all select 2, v.poll_id, cast(v.choices as text), v.text from live_poll_vote v"
            + " join live_poll p on p.id = v.poll_id where p.room = ? and v.voter = ?"
            + " order by 1, 2";

    /**
     * {@link #OWN_ROWS_SQL} for a batch of members (room and account each), in one statement: each row starts with the
     * member's place in the batch (1-based). Each member joined its room before the batch was taken, so the one
     * consistent view it reads is, for each of them, at or after their join.
     */
    static final String OWN_ROWS_BATCH_SQL = "with k as (select * from unnest(?::text[], ?::text[]) with ordinality"
            + " as k(room, voter, i))"
            + " select k.i, 0, (select coalesce(max(l.seq), 0) from live_log l where l.room = k.room), null::text,"
            + " null::text from k"
            + " union all select k.i, 1, v.question_id, null, null from k join live_vote v on v.voter = k.voter"
            + " join live_question q on q.id = v.question_id and q.room = k.room"
            + " union all select k.i, 2, v.poll_id, cast(v.choices as text), v.text from k"
            + " join live_poll_vote v on v.voter = k.voter join live_poll p on p.id = v.poll_id and p.room = k.room"
            + " order by 1, 2, 3";

    /** What {@link #OWN_ROWS_SQL} read: the seq, the voted questions, the poll answers (id, choices, text). */
    private record Own(long seq, List<Long> votes, List<Object[]> pollVotes) {}

    private record Joiner(String room, String subject) {}

    /** The own rows of members joining at the same moment, read together (a join storm's one statement per batch). */
    private final BatchedCalls<Joiner, Own> ownRowsBatches = new BatchedCalls<>(500, this::ownRows);

    /**
     * The member's snapshot: the room's shared part at the current seq ({@link SharedSnapshot}, read once per seq and
     * room, by one join while the others of the storm wait for it) and the member's own rows, read at the same seq.
     * A join whose own rows were read at the seq of the shared part costs a share of one statement; otherwise both are read
     * again in one repeatable-read transaction, and the shared part is kept for the joins that follow.
     */
    Snapshot snapshot(LiveRoom room, Member member, String reason, int presence) {
        if (room.workId != null) {
            return workSnapshot(room, member, reason, presence);
        }
        // read before any row: a change of the event's rows moves it, and a shared part read before that is not used
        long generation = room.eventChanges.get();
        Own own = ownRows(room.key, member.subject);
        SharedSnapshot shared = room.shared;
        if (shared == null || !shared.fits(own.seq(), generation)) {
            room.sharedReads.lock();
            try {
                shared = room.shared;
                if (shared == null || !shared.fits(own.seq(), generation)) {
                    Object[] read = QuarkusTransaction.requiringNew().call(() -> {
                        em.createNativeQuery("set transaction isolation level repeatable read")
                                .executeUpdate();
                        Own mine = ownRowsInTransaction(room, member.subject);
                        return new Object[] {mine, readShared(room, mine.seq(), generation)};
                    });
                    own = (Own) read[0];
                    shared = (SharedSnapshot) read[1];
                    SharedSnapshot kept = room.shared;
                    if (kept == null || kept.seq <= shared.seq) {
                        room.shared = shared;
                    }
                }
            } finally {
                room.sharedReads.unlock();
            }
        }
        return new Snapshot(render(shared, own, member, reason, presence), shared.seq);
    }

    /**
     * A work room's snapshot (its guestbook, moderated like Q&A; {@link WorkRooms}): read whole per join in one
     * repeatable-read transaction. Work rooms are small and joined one visitor at a time, not in keynote storms, so they
     * keep no shared part.
     */
    private Snapshot workSnapshot(LiveRoom room, Member member, String reason, int presence) {
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
            workRooms.snapshot(room, member, frame);
            frame.put("presence", presence);
            return new Snapshot(LiveProtocol.write(json, frame), seq);
        });
    }

    /** The member's own rows, read in a statement shared with the members joining at the same moment. */
    private Own ownRows(String room, String subject) {
        return ownRowsBatches.call(new Joiner(room, subject));
    }

    /** The own rows of a batch of joining members, in one autocommit statement on a connection of its own. */
    private List<Own> ownRows(List<Joiner> batch) {
        List<Long> seqs = new ArrayList<>(Collections.nCopies(batch.size(), 0L));
        List<List<Long>> votes = new ArrayList<>(batch.size());
        List<List<Object[]>> pollVotes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            votes.add(new ArrayList<>());
            pollVotes.add(new ArrayList<>());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(OWN_ROWS_BATCH_SQL)) {
            ps.setArray(
                    1, c.createArrayOf("text", batch.stream().map(Joiner::room).toArray(String[]::new)));
            ps.setArray(
                    2,
                    c.createArrayOf("text", batch.stream().map(Joiner::subject).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(1) - 1;
                    switch (rs.getInt(2)) {
                        case 0 -> seqs.set(i, rs.getLong(3));
                        case 1 -> votes.get(i).add(rs.getLong(3));
                        default -> pollVotes.get(i).add(new Object[] {rs.getLong(3), rs.getString(4), rs.getString(5)});
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("a live snapshot could not be read: " + e.getMessage(), e);
        }
        List<Own> own = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            own.add(new Own(seqs.get(i), votes.get(i), pollVotes.get(i)));
        }
        return own;
    }

    /** The member's own rows inside the current (repeatable-read) transaction. */
    private Own ownRowsInTransaction(LiveRoom room, String subject) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(OWN_ROWS_SQL)) {
                bindOwn(ps, room.key, subject);
                try (ResultSet rs = ps.executeQuery()) {
                    return readOwn(rs);
                }
            }
        });
    }

    private static void bindOwn(PreparedStatement ps, String room, String subject) throws SQLException {
        ps.setString(1, room);
        ps.setString(2, room);
        ps.setString(3, subject);
        ps.setString(4, room);
        ps.setString(5, subject);
    }

    private static Own readOwn(ResultSet rs) throws SQLException {
        long seq = 0;
        List<Long> votes = new ArrayList<>();
        List<Object[]> pollVotes = new ArrayList<>();
        while (rs.next()) {
            switch (rs.getInt(1)) {
                case 0 -> seq = rs.getLong(2);
                case 1 -> votes.add(rs.getLong(2));
                default -> pollVotes.add(new Object[] {rs.getLong(2), rs.getString(3), rs.getString(4)});
            }
        }
        return new Own(seq, votes, pollVotes);
    }

    /** Reads and renders what every member's snapshot at {@code seq} shares; inside a repeatable-read transaction. */
    private SharedSnapshot readShared(LiveRoom room, long seq, long generation) {
        Polls.Listed listed = polls.listed(json, room.key);
        if (room.sessionId == null) {
            ObjectNode roomNode = json.createObjectNode().put("key", room.key).put("eventId", room.eventId);
            List<?> payloads = em.createNativeQuery("select cast(payload as text) from live_log"
                            + " where room = ?1 and type = 'announcement.posted' order by seq desc limit ?2")
                    .setParameter(1, room.key)
                    .setParameter(2, config.snapshotAnnouncements())
                    .getResultList();
            ArrayNode list = json.createArrayNode();
            for (int i = payloads.size() - 1; i >= 0; i--) {
                list.add(parse((String) payloads.get(i)).get("announcement"));
            }
            return new SharedSnapshot(
                    seq,
                    generation,
                    LiveProtocol.write(json, roomNode),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    LiveProtocol.write(json, list),
                    listed.polls(),
                    listed.moderatorPolls(),
                    listed.kinds());
        }
        ConferenceSession session = em.find(ConferenceSession.class, room.sessionId);
        ObjectNode roomNode = json.createObjectNode()
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
        List<SharedSnapshot.Question> board = new ArrayList<>();
        Set<String> authors = new HashSet<>();
        StringBuilder participants = new StringBuilder().append('[');
        Long participantPinned = null;
        for (QuestionBoard.QuestionWithReplies listedQuestion : questions.board(room.key)) {
            Question q = listedQuestion.question();
            ObjectNode view = WireJson.question(json, q);
            ArrayNode rs = view.putArray("replies");
            for (Reply r : listedQuestion.replies()) {
                rs.add(WireJson.reply(json, r));
            }
            String full = LiveProtocol.write(json, view);
            // hidden from every reader but the author (who gets the full one): LiveProtocol.redact with no reader
            String redacted = q.anonymous ? LiveProtocol.write(json, LiveProtocol.redact(view, null)) : full;
            boolean everyone = q.seenByEveryone();
            boolean pinnedShown = q.pinned && q.state != Question.State.PENDING;
            board.add(new SharedSnapshot.Question(q.id, q.author, everyone, pinnedShown, full, redacted));
            authors.add(q.author);
            if (everyone) {
                if (participants.length() > 1) {
                    participants.append(',');
                }
                participants.append(redacted);
                if (pinnedShown) {
                    participantPinned = q.id;
                }
            }
        }
        // the last chat lines
        List<ChatMessage> lines = em.createQuery(
                        "from ChatMessage where room = ?1 and deleted = false order by id desc", ChatMessage.class)
                .setParameter(1, room.key)
                .setMaxResults(config.snapshotChatLines())
                .getResultList();
        ArrayNode chatLines = json.createArrayNode();
        for (int i = lines.size() - 1; i >= 0; i--) {
            chatLines.add(WireJson.chat(json, lines.get(i)));
        }
        return new SharedSnapshot(
                seq,
                generation,
                LiveProtocol.write(json, roomNode),
                settings,
                session.startsAt,
                session.endsAt,
                List.copyOf(board),
                Set.copyOf(authors),
                participants.append(']').toString(),
                participantPinned,
                LiveProtocol.write(json, chatLines),
                null,
                listed.polls(),
                listed.moderatorPolls(),
                listed.kinds());
    }

    /** The member's snapshot frame: the shared part at its seq with the member's own part put in. */
    private String render(SharedSnapshot shared, Own own, Member member, String reason, int presence) {
        ObjectNode you = json.createObjectNode()
                .put("subject", member.subject)
                .put("name", member.name)
                .put("moderator", member.moderator)
                .put("organiser", member.organiser);
        StringBuilder frame = new StringBuilder(1024 + shared.room.length())
                .append("{\"type\":\"snapshot\",\"seq\":")
                .append(shared.seq)
                .append(",\"reason\":")
                .append(LiveProtocol.write(json, json.getNodeFactory().textNode(reason)))
                .append(",\"you\":")
                .append(LiveProtocol.write(json, you))
                .append(",\"room\":")
                .append(shared.room);
        if (shared.settings != null) {
            boolean qaOpen = shared.settings.qaOpen(
                    clock.instant(), shared.startsAt, shared.endsAt, config.qaOpensBefore(), config.qaClosesAfter());
            Long[] pinned = new Long[1];
            String questionsJson = shared.questionsFor(member, pinned);
            frame.append(",\"settings\":")
                    .append(LiveProtocol.write(
                            json,
                            WireJson.settings(json, shared.settings, qaOpen, shared.startsAt, shared.endsAt, config)))
                    .append(",\"questions\":")
                    .append(questionsJson)
                    .append(",\"pinned\":")
                    .append(pinned[0] == null ? "null" : pinned[0].toString())
                    .append(",\"myVotes\":[");
            for (int i = 0; i < own.votes().size(); i++) {
                frame.append(i == 0 ? "" : ",").append(own.votes().get(i));
            }
            frame.append("],\"chat\":").append(shared.chat);
        } else {
            frame.append(",\"announcements\":").append(shared.announcements);
        }
        ArrayNode mine = json.createArrayNode();
        for (Object[] row : own.pollVotes()) {
            Long pollId = (Long) row[0];
            Poll.Kind kind = shared.pollKinds.get(pollId);
            if (kind == null) {
                continue; // a poll past the last 50
            }
            ObjectNode a = Polls.answer(json, kind, Polls.ints(json, (String) row[1]), (String) row[2]);
            a.put("pollId", pollId);
            mine.add(a);
        }
        return frame.append(",\"polls\":")
                .append(member.moderator ? shared.moderatorPolls : shared.polls)
                .append(",\"myPollVotes\":")
                .append(LiveProtocol.write(json, mine))
                .append(",\"presence\":")
                .append(presence)
                .append('}')
                .toString();
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
