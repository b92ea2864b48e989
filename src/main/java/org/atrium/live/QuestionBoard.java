package org.atrium.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.schedule.SessionRoles;

/**
 * The Q&A use cases of a session room. Each runs inside the room writer's transaction, checks everything before it
 * changes anything, and returns the event to store and send.
 */
@ApplicationScoped
class QuestionBoard {

    @Inject
    EntityManager em;

    @Inject
    LiveConfig config;

    @Inject
    Bounds bounds;

    @Inject
    SessionRoles roles;

    Batch.Applied ask(Batch b, Command c) {
        String text = c.text("text", config.maxTextLength());
        Boolean anonymous = c.flag("anonymous");
        b.requireQaOpen();
        b.requireNotMuted(c.member().subject);
        b.requireUnderTotal(
                "question.too-many",
                "questions",
                "question.ask",
                c.member().subject,
                bounds.questionsPerAccountPerRoom(),
                authors -> Batch.rowsPerAuthor(em, "live_question", b.room.key, authors));
        Question q = new Question();
        q.room = b.room.key;
        q.sessionId = b.room.sessionId;
        q.author = c.member().subject;
        q.authorName = c.member().name;
        q.anonymous = Boolean.TRUE.equals(anonymous);
        q.text = text;
        boolean held = b.settings.premoderation && !c.member().moderator;
        q.state = held ? Question.State.PENDING : Question.State.VISIBLE;
        q.published = !held;
        q.createdAt = b.now;
        q.updatedAt = b.now;
        em.persist(q);
        ObjectNode event = b.event("question.asked");
        event.set("question", Views.question(b.json, q));
        return new Batch.Applied(event, q.author, !q.published);
    }

    Batch.Applied edit(Batch b, Command c) {
        String text = c.text("text", config.maxTextLength());
        Question q = own(b, c);
        q.edit(text);
        return updated(b, q, "edit");
    }

    Batch.Applied withdraw(Batch b, Command c) {
        Question q = own(b, c);
        q.withdraw();
        return updated(b, q, "withdraw");
    }

    Batch.Applied vote(Batch b, Command c) {
        Question q = find(b, c.id("questionId"));
        q.requireVotable();
        b.requireQaOpen();
        int inserted = em.createNativeQuery(
                        "insert into live_vote (question_id, voter, created_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, q.id)
                .setParameter(2, c.member().subject)
                .setParameter(3, b.now)
                .executeUpdate();
        if (inserted == 0) {
            throw DomainException.conflict("question.already-voted", "You have already voted for this question.");
        }
        q.votes++;
        q.updatedAt = b.now;
        return voted(b, q);
    }

    Batch.Applied unvote(Batch b, Command c) {
        Question q = find(b, c.id("questionId"));
        q.requireVotable();
        b.requireQaOpen();
        int deleted = em.createNativeQuery("delete from live_vote where question_id = ?1 and voter = ?2")
                .setParameter(1, q.id)
                .setParameter(2, c.member().subject)
                .executeUpdate();
        if (deleted == 0) {
            throw DomainException.conflict("question.not-voted", "You have not voted for this question.");
        }
        q.votes--;
        q.updatedAt = b.now;
        return voted(b, q);
    }

    /** approve, dismiss, restore, pin, unpin, answer, archive: a moderator moves a question on. */
    Batch.Applied moderate(Batch b, Command c, String action) {
        Question q = find(b, c.id("questionId"));
        Long unpinned = null;
        switch (action) {
            case "approve" -> q.approve();
            case "dismiss" -> q.dismiss();
            case "restore" -> q.restore();
            case "pin" -> {
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
            case "unpin" -> q.unpin();
            case "answer" -> q.answer();
            case "archive" -> q.archive();
            default -> throw new IllegalArgumentException(action);
        }
        Batch.Applied applied = updated(b, q, action);
        if (unpinned != null) {
            applied.event().put("unpinned", unpinned);
        }
        return applied;
    }

    Batch.Applied reply(Batch b, Command c) {
        String text = c.text("text", config.maxTextLength());
        Question q = find(b, c.id("questionId"));
        if (q.state == Question.State.WITHDRAWN || q.state == Question.State.MERGED) {
            throw DomainException.conflict("question.state-conflict", "This question can no longer be replied to.");
        }
        Reply r = new Reply();
        r.questionId = q.id;
        r.author = c.member().subject;
        // a speaker answers under the name the programme gives them; organisers and others under their account's
        r.authorName = b.room.sessionId == null
                ? c.member().name
                : roles.stageName(b.room.sessionId, r.author).orElse(c.member().name);
        r.text = text;
        r.createdAt = b.now;
        em.persist(r);
        ObjectNode event = b.event("question.replied").put("questionId", q.id);
        event.set("reply", Views.reply(b.json, r));
        return new Batch.Applied(event, q.author, !q.published);
    }

    /** Folds a duplicate into another question; each account's vote counts once in the combined total. */
    Batch.Applied merge(Batch b, Command c) {
        Question source = find(b, c.id("questionId"));
        Question target = find(b, c.id("into"));
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
        event.set("into", Views.question(b.json, target));
        return new Batch.Applied(event, source.author, false);
    }

    /** A question of this room; one of another room is "not found", like one that does not exist. */
    Question find(Batch b, long id) {
        Question q = em.find(Question.class, id);
        if (q == null || !q.room.equals(b.room.key)) {
            throw DomainException.notFound("question");
        }
        return q;
    }

    private Question own(Batch b, Command c) {
        Question q = find(b, c.id("questionId"));
        if (!q.author.equals(c.member().subject)) {
            throw DomainException.forbidden("Only its author may change a question.");
        }
        return q;
    }

    private Batch.Applied updated(Batch b, Question q, String action) {
        q.updatedAt = b.now;
        ObjectNode event = b.event("question.updated").put("action", action);
        event.set("question", Views.question(b.json, q));
        return new Batch.Applied(event, q.author, !q.published);
    }

    private Batch.Applied voted(Batch b, Question q) {
        ObjectNode event = b.event("question.voted").put("questionId", q.id).put("votes", q.votes);
        return new Batch.Applied(event, null, false);
    }

    /** The room's questions as one reader may see them, most voted first, each with its replies. */
    ArrayNode visible(com.fasterxml.jackson.databind.ObjectMapper json, String room, Member reader) {
        List<Question> questions = em.createQuery(
                        "from Question where room = ?1 and state not in ('WITHDRAWN', 'MERGED')"
                                + " order by votes desc, id",
                        Question.class)
                .setParameter(1, room)
                .getResultList();
        List<Reply> replies = em.createQuery(
                        "select r from Reply r, Question q where r.questionId = q.id and q.room = ?1 order by r.id",
                        Reply.class)
                .setParameter(1, room)
                .getResultList();
        ArrayNode out = json.createArrayNode();
        for (Question q : questions) {
            boolean mine = q.author.equals(reader.subject);
            boolean seen = reader.moderator || mine || (q.published && q.state != Question.State.DISMISSED);
            if (!seen) {
                continue;
            }
            ObjectNode view = Views.question(json, q);
            ArrayNode rs = view.putArray("replies");
            for (Reply r : replies) {
                if (r.questionId == q.id) {
                    rs.add(Views.reply(json, r));
                }
            }
            out.add(view);
        }
        return out;
    }
}
