package org.atrium.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every member's snapshot of a room at one seq is made of, read from the database and rendered once for all of
 * them (a keynote's join storm reads it once per seq instead of once per join): the room, its stored settings, the
 * question board with each question rendered in full and with an anonymous author hidden, the last chat lines, the
 * polls with and without the tallies only moderators may see, or the event channel's last announcements.
 *
 * <p>A member's snapshot is this plus what is theirs alone ({@link RoomStore#snapshot}): who they are, their votes, and
 * the questions their rights show them. Members whose rights are the plain participant's and who have no question on
 * the board get {@link #participantQuestions}, rendered once; everyone else (moderators, organisers, authors, whose
 * own pending, dismissed or anonymous questions look different to them) gets a list put together from
 * {@link #questions} by the same rules as before the cache. It is used only for the seq it was read at and while the
 * event's change counter has not moved ({@link #fits}).
 */
final class SharedSnapshot {

    /**
     * A question as stored at this seq: its author (never sent from here unless the reader may see it), whether
     * everyone may see it (published and not dismissed), whether it counts as the pinned one (pinned and not pending),
     * its full rendering and the one with an anonymous author hidden (the same text when it is not anonymous).
     */
    record Question(long id, String author, boolean everyone, boolean pinnedShown, String full, String redacted) {}

    final long seq;
    /** The event's change counter ({@link LiveRoom#eventChanges}) read before the rows were. */
    final long generation;
    /** The rendered {@code room} object. */
    final String room;

    // session rooms only (null in an event channel)
    final RoomSettings settings;
    final Instant startsAt;
    final Instant endsAt;
    final List<Question> questions;
    /** Every account with a question on the board: their own view of the board differs from the participants'. */
    final Set<String> authors;
    /** The questions array as a participant with no question of their own sees it, and its pinned question. */
    final String participantQuestions;

    final Long participantPinned;
    final String chat;

    // event channels only (null in a session room)
    final String announcements;

    // both
    /** The polls array without the tallies that only moderators may see yet, and with them. */
    final String polls;

    final String moderatorPolls;
    /** The kinds of the polls listed, by id: how a member's own answer is shown ({@link Polls#answer}). */
    final Map<Long, Poll.Kind> pollKinds;

    SharedSnapshot(
            long seq,
            long generation,
            String room,
            RoomSettings settings,
            Instant startsAt,
            Instant endsAt,
            List<Question> questions,
            Set<String> authors,
            String participantQuestions,
            Long participantPinned,
            String chat,
            String announcements,
            String polls,
            String moderatorPolls,
            Map<Long, Poll.Kind> pollKinds) {
        this.seq = seq;
        this.generation = generation;
        this.room = room;
        this.settings = settings;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.questions = questions;
        this.authors = authors;
        this.participantQuestions = participantQuestions;
        this.participantPinned = participantPinned;
        this.chat = chat;
        this.announcements = announcements;
        this.polls = polls;
        this.moderatorPolls = moderatorPolls;
        this.pollKinds = pollKinds;
    }

    /** Whether this was read at {@code seq} and the event has not changed since. */
    boolean fits(long seq, long generation) {
        return this.seq == seq && this.generation == generation;
    }

    /** The questions array as this reader may see it; {@code pinned[0]} gets the pinned question they see, or null. */
    String questionsFor(Member reader, Long[] pinned) {
        if (!reader.moderator && !authors.contains(reader.subject)) {
            pinned[0] = participantPinned;
            return participantQuestions;
        }
        StringBuilder out = new StringBuilder(participantQuestions.length() + 256).append('[');
        Long shownPin = null;
        for (Question q : questions) {
            boolean mine = q.author().equals(reader.subject);
            if (!reader.moderator && !mine && !q.everyone()) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            // only organisers see who asked anonymously; an author always sees their own question in full
            out.append(reader.organiser || mine ? q.full() : q.redacted());
            if (q.pinnedShown()) {
                shownPin = q.id();
            }
        }
        pinned[0] = shownPin;
        return out.append(']').toString();
    }
}
