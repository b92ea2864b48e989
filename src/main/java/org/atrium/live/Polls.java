package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atrium.common.DomainException;

/**
 * The poll use cases of a live room: launch, vote (one per account: the primary key of {@code live_poll_vote}),
 * close by hand or at its time, and moderate a word cloud. Each runs inside the room writer's transaction, checks
 * everything before it changes anything, and returns the event to store and send. The tally moves with the votes in
 * the same transaction; the room's ticker sends it ({@code poll.results}) at most once per tick.
 */
@ApplicationScoped
class Polls {

    static final int MAX_OPTIONS = 20;
    /** The words a cloud shows, most frequent first. */
    static final int CLOUD_WORDS = 60;

    @Inject
    EntityManager em;

    /**
     * A poll's tally while a batch works on it: read from the row at its first vote in the batch and written back
     * once at the batch's end ({@link #writeBack}).
     */
    static final class Tally {
        final Poll poll;
        final long[] counts;
        final Map<String, Long> words;
        int voters;

        Tally(Poll poll) {
            this.poll = poll;
            this.voters = poll.voters;
            this.counts = poll.countArray();
            this.words = poll.kind == Poll.Kind.TEXT ? new HashMap<>(poll.wordCounts()) : Map.of();
        }

        void add(List<Integer> choices, String text, int sign) {
            if (poll.kind == Poll.Kind.TEXT) {
                for (String w : PollWords.of(text)) {
                    words.merge(w, (long) sign, (a, c) -> a + c == 0 ? null : a + c);
                }
                return;
            }
            for (int c : choices) {
                counts[poll.kind == Poll.Kind.RATING ? c - 1 : c] += sign;
            }
        }

        void writeBack() {
            poll.voters = voters;
            poll.countArray(counts);
            if (poll.kind == Poll.Kind.TEXT) {
                poll.wordCounts(words);
            }
        }
    }

    RoomEvent launch(BatchContext b, Payload.PollRef which) {
        Poll p = find(b, which.pollId());
        p.launch(b.now);
        b.tally(p);
        ObjectNode event = b.event("poll.launched");
        event.set("poll", view(b.json, p, null, false));
        return new RoomEvent(event, null, false);
    }

    RoomEvent close(BatchContext b, Payload.PollRef which) {
        Poll p = find(b, which.pollId());
        p.close(b.now);
        return closed(b, p);
    }

    /** The poll's time is up (the server's own command, see {@link PollTimer}); a poll closed by hand is left. */
    RoomEvent expire(BatchContext b, Payload.PollRef which) {
        Poll p = find(b, which.pollId());
        if (p.state != Poll.State.OPEN) {
            throw DomainException.conflict("poll.not-open", "This poll is not open.");
        }
        p.close(p.closesAt != null && p.closesAt.isBefore(b.now) ? p.closesAt : b.now);
        return closed(b, p);
    }

    private RoomEvent closed(BatchContext b, Poll p) {
        Tally t = b.tally(p);
        ObjectNode event = b.event("poll.closed");
        // everyone gets the final tally, except of a poll whose results are for moderators (they get poll.results)
        event.set("poll", view(b.json, p, t, p.tallyVisibleTo(false)));
        return new RoomEvent(event, null, false);
    }

    RoomEvent vote(BatchContext b, Member voter, Payload.PollVote vote) {
        Poll p = find(b, vote.pollId());
        p.requireOpen(b.now);
        List<Integer> choices = List.of();
        String text = null;
        switch (p.kind) {
            case SINGLE, MULTIPLE -> {
                if (vote.choices() == null) {
                    throw Payload.Fields.missing("choices");
                }
                choices = Poll.sortedDistinct(vote.choices());
                int n = p.optionList().size();
                if (choices.size() != vote.choices().size()
                        || choices.get(0) < 0
                        || choices.get(choices.size() - 1) >= n) {
                    throw new DomainException(
                            400, "poll.invalid-choice", "Choose among the poll's options, each once.", Map.of());
                }
                int max = p.kind == Poll.Kind.SINGLE ? 1 : p.maxChoices;
                if (choices.size() > max) {
                    throw new DomainException(
                            400, "poll.too-many-choices", "Choose at most " + max + " options.", Map.of("max", max));
                }
            }
            case RATING -> {
                Integer r = vote.rating();
                if (r == null) {
                    throw Payload.Fields.missing("rating");
                }
                if (r < 1 || r > p.scale) {
                    throw new DomainException(
                            400, "poll.invalid-choice", "Rate from 1 to " + p.scale + ".", Map.of("max", p.scale));
                }
                choices = List.of(r);
            }
            case TEXT -> {
                if (vote.text() == null) {
                    throw Payload.Fields.missing("text");
                }
                b.requireNotMuted(voter.subject);
                if (Chat.bannedWordIn(PollWords.normalise(vote.text()), b.bannedWords) != null) {
                    throw new DomainException(
                            400,
                            "poll.banned-word",
                            "This answer contains a word not allowed at this event.",
                            Map.of());
                }
                if (PollWords.of(vote.text()).isEmpty()) {
                    throw new DomainException(400, "text.empty", "Answer with at least one word.");
                }
                text = vote.text();
            }
        }
        String choicesJson = b.json.valueToTree(choices).toString();
        int inserted = votes("insert into live_poll_vote (poll_id, voter, voter_name, choices, text,"
                        + " created_at, updated_at) values (?1, ?2, ?3, cast(?4 as jsonb), ?5, ?6, ?6)"
                        + " on conflict do nothing")
                .setParameter(1, p.id)
                .setParameter(2, voter.subject)
                .setParameter(3, voter.name)
                .setParameter(4, choicesJson)
                .setParameter(5, text)
                .setParameter(6, b.now)
                .executeUpdate();
        Tally t = b.tally(p);
        boolean changed = inserted == 0;
        if (changed) {
            if (!p.changeable) {
                throw DomainException.conflict("poll.already-voted", "You have voted in this poll already.");
            }
            Object[] before = (Object[])
                    votes("select cast(choices as text), text from live_poll_vote where poll_id = ?1 and voter = ?2"
                                    + " for update")
                            .setParameter(1, p.id)
                            .setParameter(2, voter.subject)
                            .getSingleResult();
            t.add(ints(b.json, (String) before[0]), (String) before[1], -1);
            votes("update live_poll_vote set choices = cast(?3 as jsonb), text = ?4, updated_at = ?5"
                            + " where poll_id = ?1 and voter = ?2")
                    .setParameter(1, p.id)
                    .setParameter(2, voter.subject)
                    .setParameter(3, choicesJson)
                    .setParameter(4, text)
                    .setParameter(5, b.now)
                    .executeUpdate();
        } else {
            t.voters++;
        }
        t.add(choices, text, 1);
        ObjectNode event = b.event("poll.voted").put("pollId", p.id).put("changed", changed);
        event.set("vote", answer(b.json, p, choices, text));
        // the voter's own answer: for them (and, without a name, for the moderators), never for the room
        return new RoomEvent(event, voter.subject, true);
    }

    RoomEvent hideWord(BatchContext b, Payload.PollWord word) {
        Poll p = find(b, word.pollId());
        if (p.kind != Poll.Kind.TEXT || p.state == Poll.State.DRAFT) {
            throw DomainException.conflict("poll.not-a-cloud", "Only a launched text poll has a word cloud.");
        }
        Set<String> hidden = p.hiddenWordSet();
        if (!hidden.add(word.word())) {
            throw DomainException.conflict("poll.word-hidden", "This word is hidden already.");
        }
        p.hiddenWordSet(hidden);
        p.updatedAt = b.now;
        b.tally(p);
        ObjectNode event = b.event("poll.word-hidden").put("pollId", p.id).put("word", word.word());
        return new RoomEvent(event, null, false);
    }

    /**
     * A statement on {@code live_poll_vote} alone: Hibernate then flushes nothing before it (without the query space
     * it flushes the whole batch so far, the log rows and the poll, before every vote: three round trips a vote
     * instead of one, and no JDBC batching of the log).
     */
    private jakarta.persistence.Query votes(String sql) {
        return em.createNativeQuery(sql)
                .unwrap(org.hibernate.query.NativeQuery.class)
                .addSynchronizedQuerySpace("live_poll_vote");
    }

    private Poll find(BatchContext b, long id) {
        Poll p = em.find(Poll.class, id);
        if (p == null || !p.room.equals(b.room.key)) {
            throw DomainException.notFound("poll");
        }
        return p;
    }

    static List<Integer> ints(ObjectMapper json, String array) {
        List<Integer> out = new ArrayList<>();
        try {
            json.readTree(array).forEach(c -> out.add(c.asInt()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    // ---- on the wire -----------------------------------------------------------------------------------------------

    /** A vote as its voter sees it: the indexes, the rating or the text. */
    static ObjectNode answer(ObjectMapper json, Poll p, List<Integer> choices, String text) {
        return answer(json, p.kind, choices, text);
    }

    static ObjectNode answer(ObjectMapper json, Poll.Kind kind, List<Integer> choices, String text) {
        ObjectNode n = json.createObjectNode();
        switch (kind) {
            case SINGLE, MULTIPLE -> {
                ArrayNode a = n.putArray("choices");
                choices.forEach(a::add);
            }
            case RATING -> n.put("rating", choices.get(0));
            case TEXT -> n.put("text", text);
        }
        return n;
    }

    /** A poll on the socket; with its tally only when the reader may see it (the caller decides). */
    static ObjectNode view(ObjectMapper json, Poll p, Tally t, boolean withTally) {
        ObjectNode n = json.createObjectNode()
                .put("id", p.id)
                .put("kind", p.kind.name().toLowerCase())
                .put("question", p.question);
        ArrayNode options = n.putArray("options");
        p.optionList().forEach(options::add);
        if (p.kind == Poll.Kind.MULTIPLE) {
            n.put("maxChoices", p.maxChoices);
        }
        if (p.scale != null) {
            n.put("scale", p.scale);
        }
        n.put("results", p.results.name().toLowerCase())
                // not "anonymous": that key marks an item whose author the renderer hides (LiveProtocol.redact)
                .put("named", !p.anonymous)
                .put("changeable", p.changeable)
                .put("quiz", p.correct != null)
                .put("state", p.state.name().toLowerCase());
        putInstant(n, "launchedAt", p.launchedAt);
        putInstant(n, "closesAt", p.closesAt);
        putInstant(n, "closedAt", p.closedAt);
        if (p.state == Poll.State.CLOSED && p.correct != null) {
            ArrayNode c = n.putArray("correct");
            p.correctList().forEach(c::add);
        }
        if (withTally) {
            n.set("tally", tally(json, p, t));
        }
        return n;
    }

    /** The tally: voters, and counts per option / rating value, or the word cloud (hidden words left out). */
    static ObjectNode tally(ObjectMapper json, Poll p, Tally t) {
        ObjectNode n = json.createObjectNode().put("voters", t != null ? t.voters : p.voters);
        if (p.kind == Poll.Kind.TEXT) {
            Map<String, Long> words = t != null ? t.words : p.wordCounts();
            Set<String> hidden = p.hiddenWordSet();
            ArrayNode cloud = n.putArray("words");
            words.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && !hidden.contains(e.getKey()))
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(CLOUD_WORDS)
                    .forEach(e -> cloud.addObject().put("word", e.getKey()).put("count", e.getValue()));
        } else {
            ArrayNode counts = n.putArray("counts");
            for (long c : t != null ? t.counts : p.countArray()) {
                counts.add(c);
            }
        }
        return n;
    }

    /** The frame the room's ticker sends for a poll whose tally moved; restricted when participants may not see it. */
    static Delivery results(ObjectMapper json, Poll p, Tally t) {
        ObjectNode frame = json.createObjectNode()
                .put("type", "poll.results")
                .put("pollId", p.id)
                .put("state", p.state.name().toLowerCase());
        frame.setAll(tally(json, p, t));
        return new Delivery(0, LiveProtocol.write(json, frame), null, !p.tallyVisibleTo(false));
    }

    private static void putInstant(ObjectNode n, String field, java.time.Instant at) {
        if (at != null) {
            n.put(field, at.toString());
        }
    }

    /** The polls of a room's snapshot (see {@link SharedSnapshot}), rendered once for everyone at a seq. */
    record Listed(String polls, String moderatorPolls, Map<Long, Poll.Kind> kinds) {}

    /**
     * The room's last 50 polls that are not drafts, oldest first, rendered twice: with the tallies each one shows
     * participants now, and with every tally (moderators).
     */
    Listed listed(ObjectMapper json, String room) {
        List<Poll> polls = em.createQuery("from Poll where room = ?1 and state <> ?2 order by id desc", Poll.class)
                .setParameter(1, room)
                .setParameter(2, Poll.State.DRAFT)
                .setMaxResults(50)
                .getResultList();
        ArrayNode list = json.createArrayNode();
        ArrayNode moderators = json.createArrayNode();
        Map<Long, Poll.Kind> kinds = new HashMap<>();
        for (int i = polls.size() - 1; i >= 0; i--) {
            Poll p = polls.get(i);
            list.add(view(json, p, null, p.tallyVisibleTo(false)));
            moderators.add(view(json, p, null, p.tallyVisibleTo(true)));
            kinds.put(p.id, p.kind);
        }
        return new Listed(LiveProtocol.write(json, list), LiveProtocol.write(json, moderators), Map.copyOf(kinds));
    }
}
