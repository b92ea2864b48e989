package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;

/**
 * The Q&A use cases of a session room. Each runs inside the room writer's transaction, checks everything before it
 * changes anything, and returns the event to store and send.
 */
@ApplicationScoped
class QuestionBoard {

    /** A moderator's step on one question; its name is the {@code action} of the question.updated event. */
    enum Action {
        APPROVE,
        DISMISS,
        RESTORE,
        PIN,
        UNPIN,
        ANSWER,
        ARCHIVE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Bounds bounds;

    RoomEvent ask(BatchContext b, Member asker, Payload.Ask ask) {
        b.requireQaOpen();
        b.requireNotMuted(asker.subject);
        b.requireUnderTotal(
                "question.too-many",
                "questions",
                LiveCommand.QUESTION_ASK,
                asker.subject,
                bounds.questionsPerAccountPerRoom(),
                authors -> BatchContext.rowsPerAuthor(em, "live_question", b.room.key, authors));
        Question q = new Question();
        q.room = b.room.key;
        q.sessionId = b.room.sessionId;
        q.workId = b.room.workId;
        q.author = asker.subject;
        q.authorName = asker.name;
        q.anonymous = ask.anonymous();
        q.text = ask.text();
        boolean held = b.settings.premoderation && !asker.moderator;
        q.state = held ? Question.State.PENDING : Question.State.VISIBLE;
        q.published = !held;
        q.createdAt = b.now;
        q.updatedAt = b.now;
        em.persist(q);
        ObjectNode event = b.event("question.asked");
        event.set("question", WireJson.question(b.json, q));
        return new RoomEvent(event, q.author, !q.published);
    }

    RoomEvent edit(BatchContext b, Member author, Payload.QuestionText edit) {
        Question q = own(b, author, edit.questionId());
        q.edit(edit.text());
        return updated(b, q, "edit");
    }

    RoomEvent withdraw(BatchContext b, Member author, Payload.QuestionRef which) {
        Question q = own(b, author, which.questionId());
        q.withdraw();
        return updated(b, q, "withdraw");
    }

    RoomEvent vote(BatchContext b, Member voter, Payload.QuestionRef which) {
        Question q = find(b, which.questionId());
        q.requireVotable();
        b.requireQaOpen();
        int inserted = em.createNativeQuery(
                        "insert into live_vote (question_id, voter, created_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, q.id)
                .setParameter(2, voter.subject)
                .setParameter(3, b.now)
                .executeUpdate();
        if (inserted == 0) {
            throw DomainException.conflict("question.already-voted", "You have already voted for this question.");
        }
        q.votes++;
        q.updatedAt = b.now;
        return voted(b, q);
    }

    RoomEvent unvote(BatchContext b, Member voter, Payload.QuestionRef which) {
        Question q = find(b, which.questionId());
        q.requireVotable();
        b.requireQaOpen();
        int deleted = em.createNativeQuery("delete from live_vote where question_id = ?1 and voter = ?2")
                .setParameter(1, q.id)
                .setParameter(2, voter.subject)
                .executeUpdate();
        if (deleted == 0) {
            throw DomainException.conflict("question.not-voted", "You have not voted for this question.");
        }
        q.votes--;
        q.updatedAt = b.now;
        return voted(b, q);
    }

    /** approve, dismiss, restore, pin, unpin, answer, archive: a moderator moves a question on. */
    RoomEvent moderate(BatchContext b, Payload.QuestionRef which, Action action) {
        Question q = find(b, which.questionId());
        Long unpinned = null;
        switch (action) {
            case APPROVE -> q.approve();
            case DISMISS -> q.dismiss();
            case RESTORE -> q.restore();
            case PIN -> {
                q.pin();
                List<Question> others = em.createQuery(
                                "from Question where room = ?1 and pinned = true and id <> ?2", Question.class)
                        .setParameter(1, b.room.key)
                        .setParameter(2, q.id)
                        .getResultList();
                for (Question other : others) {
                    other.pinned = false;
                    other.updatedAt = b.now;
                    unpinned = other.id;
                }
            }
            case UNPIN -> q.unpin();
            case ANSWER -> q.answer();
            case ARCHIVE -> q.archive();
        }
        RoomEvent event = updated(b, q, action.wire());
        if (unpinned != null) {
            event.frame().put("unpinned", unpinned);
        }
        return event;
    }

    RoomEvent reply(BatchContext b, Member moderator, Payload.QuestionText reply) {
        Question q = find(b, reply.questionId());
        if (q.state == Question.State.WITHDRAWN || q.state == Question.State.MERGED) {
            throw DomainException.conflict("question.state-conflict", "This question can no longer be replied to.");
        }
        Reply r = new Reply();
        r.questionId = q.id;
        r.author = moderator.subject;
        // a speaker answers under the name the programme gave them when they joined; organisers under their account's
        r.authorName = moderator.stageName != null ? moderator.stageName : moderator.name;
        r.text = reply.text();
        r.createdAt = b.now;
        em.persist(r);
        ObjectNode event = b.event("question.replied").put("questionId", q.id);
        event.set("reply", WireJson.reply(b.json, r));
        return new RoomEvent(event, q.author, !q.published);
    }

    /** Folds a duplicate into another question; each account's vote counts once in the combined total. */
    RoomEvent merge(BatchContext b, Payload.Merge merge) {
        Question source = find(b, merge.questionId());
        Question target = find(b, merge.into());
        source.mergeInto(target);
        em.flush();
        em.createNativeQuery("insert into live_vote (question_id, voter, created_at) select ?1, voter, created_at"
                        + " from live_vote where question_id = ?2 on conflict do nothing")
                .setParameter(1, target.id)
                .setParameter(2, source.id)
                .executeUpdate();
        em.createNativeQuery("delete from live_vote where question_id = ?1")
                .setParameter(1, source.id)
                .executeUpdate();
        target.votes = ((Number) em.createNativeQuery("select count(*) from live_vote where question_id = ?1")
                        .setParameter(1, target.id)
                        .getSingleResult())
                .intValue();
        source.votes = 0;
        source.updatedAt = b.now;
        target.updatedAt = b.now;
        ObjectNode event = b.event("question.merged").put("questionId", source.id);
        event.set("into", WireJson.question(b.json, target));
        return new RoomEvent(event, source.author, false);
    }

    /** A question of this room; one of another room is "not found", like one that does not exist. */
    Question find(BatchContext b, long id) {
        Question q = em.find(Question.class, id);
        if (q == null || !q.room.equals(b.room.key)) {
            throw DomainException.notFound("question");
        }
        return q;
    }

    private Question own(BatchContext b, Member author, long questionId) {
        Question q = find(b, questionId);
        if (!q.author.equals(author.subject)) {
            throw DomainException.forbidden("Only its author may change a question.");
        }
        return q;
    }

    private RoomEvent updated(BatchContext b, Question q, String action) {
        q.updatedAt = b.now;
        ObjectNode event = b.event("question.updated").put("action", action);
        event.set("question", WireJson.question(b.json, q));
        return new RoomEvent(event, q.author, !q.published);
    }

    private RoomEvent voted(BatchContext b, Question q) {
        ObjectNode event = b.event("question.voted").put("questionId", q.id).put("votes", q.votes);
        return new RoomEvent(event, null, false);
    }

    /** A question on the board with its replies, oldest first. */
    record QuestionWithReplies(Question question, List<Reply> replies) {}

    /**
     * The room's questions still on the board (not withdrawn or merged), most voted first, each with its replies: two
     * queries, for the snapshot and the moderators' export alike.
     */
    List<QuestionWithReplies> board(String room) {
        List<Question> questions = em.createQuery(
                        "from Question where room = ?1 and state not in ('WITHDRAWN', 'MERGED')"
                                + " order by votes desc, id",
                        Question.class)
                .setParameter(1, room)
                .getResultList();
        Map<Long, List<Reply>> replies = new HashMap<>();
        for (Reply r : em.createQuery(
                        "select r from Reply r, Question q where r.questionId = q.id and q.room = ?1 order by r.id",
                        Reply.class)
                .setParameter(1, room)
                .getResultList()) {
            replies.computeIfAbsent(r.questionId, id -> new ArrayList<>()).add(r);
        }
        List<QuestionWithReplies> out = new ArrayList<>(questions.size());
        for (Question q : questions) {
            out.add(new QuestionWithReplies(q, replies.getOrDefault(q.id, List.of())));
        }
        return out;
    }

    /**
     * The Q&A part of a work room's snapshot ({@code questions}, {@code pinned}, {@code myVotes}), shaped and redacted
     * as a session room's (RoomStore.sessionSnapshot): anonymous authors are removed except for organisers and the
     * authors themselves ({@link LiveProtocol#redact}).
     */
    void snapshot(ObjectMapper json, String room, Member member, ObjectNode frame) {
        ArrayNode qs = visible(json, room, member);
        Long pinned = null;
        for (com.fasterxml.jackson.databind.JsonNode q : qs) {
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
        org.atrium.common.Sql.list(
                        em,
                        "select v.question_id from live_vote v join live_question q on q.id = v.question_id"
                                + " where q.room = ? and v.voter = ? order by v.question_id",
                        rs -> rs.getLong(1),
                        room,
                        member.subject)
                .forEach(myVotes::add);
    }

    /** The room's questions as one reader may see them, most voted first, each with its replies. */
    ArrayNode visible(ObjectMapper json, String room, Member reader) {
        ArrayNode out = json.createArrayNode();
        for (QuestionWithReplies listed : board(room)) {
            Question q = listed.question();
            boolean mine = q.author.equals(reader.subject);
            boolean seen = reader.moderator || mine || q.seenByEveryone();
            if (!seen) {
                continue;
            }
            ObjectNode view = WireJson.question(json, q);
            ArrayNode rs = view.putArray("replies");
            for (Reply r : listed.replies()) {
                rs.add(WireJson.reply(json, r));
            }
            out.add(view);
        }
        return out;
    }
}
