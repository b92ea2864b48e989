package org.atrium.live;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;

/**
 * A question asked in a session's room, or an entry in a work's guestbook (the Q&A of the work's room). Each state change checks its own precondition before changing anything, so a
 * refused command leaves no trace.
 */
@Entity
@Table(name = "live_question")
class Question extends IdentifiedEntity {

    enum State {
        PENDING,
        VISIBLE,
        ANSWERED,
        DISMISSED,
        ARCHIVED,
        WITHDRAWN,
        MERGED
    }

    @Column(nullable = false)
    public String room;

    /** The session whose room it was asked in; null for a guestbook entry (then {@link #workId} is set). */
    @Column(name = "session_id")
    public Long sessionId;

    /** The work whose guestbook it was written in (its room's Q&A); null for a session's question. */
    @Column(name = "work_id")
    public Long workId;

    @Column(nullable = false)
    public String author;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(nullable = false)
    public boolean anonymous;

    @Column(nullable = false)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** Whether everyone in the room may see it (otherwise only its author and the moderators). */
    @Column(nullable = false)
    public boolean published;

    @Column(nullable = false)
    public boolean pinned;

    @Column(name = "merged_into")
    public Long mergedInto;

    @Column(nullable = false)
    public int votes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    boolean open() {
        return state == State.VISIBLE || state == State.ANSWERED;
    }

    void edit(String newText) {
        requireState(State.PENDING, "question.not-pending", "Only a pending question can be edited.");
        text = newText;
    }

    void withdraw() {
        requireState(State.PENDING, "question.not-pending", "Only a pending question can be withdrawn.");
        state = State.WITHDRAWN;
    }

    void approve() {
        requireState(State.PENDING, "question.not-pending", "Only a pending question can be approved.");
        state = State.VISIBLE;
        published = true;
    }

    void dismiss() {
        if (state != State.PENDING && state != State.VISIBLE && state != State.ANSWERED) {
            throw DomainException.conflict("question.state-conflict", "This question cannot be dismissed now.");
        }
        state = State.DISMISSED;
        pinned = false;
    }

    void restore() {
        if (state != State.DISMISSED && state != State.ARCHIVED) {
            throw DomainException.conflict(
                    "question.state-conflict", "Only a dismissed or archived question can be restored.");
        }
        state = State.VISIBLE;
        published = true;
    }

    void pin() {
        if (!open()) {
            throw DomainException.conflict("question.state-conflict", "Only a visible question can be pinned.");
        }
        pinned = true;
    }

    void unpin() {
        if (!pinned) {
            throw DomainException.conflict("question.not-pinned", "This question is not pinned.");
        }
        pinned = false;
    }

    void answer() {
        if (!open()) {
            throw DomainException.conflict("question.state-conflict", "Only a visible question can be answered.");
        }
        state = State.ANSWERED;
        pinned = false;
    }

    void archive() {
        if (!open()) {
            throw DomainException.conflict("question.state-conflict", "Only a visible question can be archived.");
        }
        state = State.ARCHIVED;
        pinned = false;
    }

    void mergeInto(Question target) {
        if (target.id.equals(id)) {
            throw DomainException.invalid("question.merge-invalid", "A question cannot be merged into itself.");
        }
        if (state == State.MERGED || state == State.WITHDRAWN || !target.open()) {
            throw DomainException.conflict("question.merge-invalid", "Merge an open question into a visible question.");
        }
        state = State.MERGED;
        mergedInto = target.id;
        pinned = false;
    }

    void requireVotable() {
        if (!open()) {
            throw DomainException.conflict("question.state-conflict", "Only a visible question can be voted on.");
        }
    }

    private void requireState(State required, String code, String message) {
        if (state != required) {
            throw DomainException.conflict(code, message);
        }
    }

    /** Whether every member of the room sees it: published by a moderator (or without pre-moderation), not dismissed. */
    boolean seenByEveryone() {
        return published && state != State.DISMISSED;
    }
}
