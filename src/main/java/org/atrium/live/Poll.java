package org.atrium.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A poll of a live room: a draft until a moderator launches it, then open until closed by hand or at
 * {@link #closesAt}. Its tally ({@code counts}, {@code words}, {@code voters}) is kept by the room's writer in the same
 * transaction as the votes, so it always equals what {@code live_poll_vote} holds. The JSON columns are kept as text
 * here and read through the accessors (the format mapper of REST's ObjectMapper is not for columns).
 */
@Entity
@Table(name = "live_poll")
class Poll extends IdentifiedEntity {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind {
        SINGLE,
        MULTIPLE,
        RATING,
        TEXT
    }

    /** Who sees the tally while the poll is open (everyone sees it once closed, except MODERATORS). */
    enum Results {
        LIVE,
        CLOSED,
        MODERATORS
    }

    enum State {
        DRAFT,
        OPEN,
        CLOSED
    }

    @Column(name = "event_id", nullable = false)
    public long eventId;

    @Column(nullable = false)
    public String room;

    @Column(name = "session_id")
    public Long sessionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String question;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String options = "[]";

    @Column(name = "max_choices", nullable = false)
    public int maxChoices = 1;

    public Integer scale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Results results;

    @Column(nullable = false)
    public boolean anonymous;

    @Column(nullable = false)
    public boolean changeable;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String correct;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "closes_at")
    public Instant closesAt;

    @Column(name = "launched_at")
    public Instant launchedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String counts = "[]";

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String words = "{}";

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "hidden_words", nullable = false, columnDefinition = "jsonb")
    public String hiddenWords = "[]";

    @Column(nullable = false)
    public int voters;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    // ---- the JSON columns ------------------------------------------------------------------------------------------

    List<String> optionList() {
        return read(options, new TypeReference<List<String>>() {});
    }

    void optionList(List<String> list) {
        options = write(list);
    }

    /** One count per choice (SINGLE, MULTIPLE) or per rating value 1..scale (RATING); empty for TEXT. */
    long[] countArray() {
        List<Long> list = read(counts, new TypeReference<List<Long>>() {});
        long[] out = new long[slots()];
        for (int i = 0; i < Math.min(out.length, list.size()); i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    void countArray(long[] values) {
        counts = write(values);
    }

    /** TEXT: each normalised word and how many answers contain it. */
    Map<String, Long> wordCounts() {
        return read(words, new TypeReference<TreeMap<String, Long>>() {});
    }

    void wordCounts(Map<String, Long> map) {
        words = write(new TreeMap<>(map));
    }

    Set<String> hiddenWordSet() {
        return read(hiddenWords, new TypeReference<LinkedHashSet<String>>() {});
    }

    void hiddenWordSet(Set<String> set) {
        hiddenWords = write(set);
    }

    /** Quiz: the correct choices' indexes (empty when the poll is no quiz). */
    List<Integer> correctList() {
        return correct == null ? List.of() : read(correct, new TypeReference<List<Integer>>() {});
    }

    void correctList(List<Integer> list) {
        correct = list == null || list.isEmpty() ? null : write(list);
    }

    /** How many counters the tally has. */
    int slots() {
        return switch (kind) {
            case SINGLE, MULTIPLE -> optionList().size();
            case RATING -> scale == null ? 0 : scale;
            case TEXT -> 0;
        };
    }

    // ---- its life ------------------------------------------------------------------------------------------------

    void requireDraft() {
        if (state != State.DRAFT) {
            throw DomainException.conflict("poll.not-draft", "Only a draft poll can be changed or deleted.");
        }
    }

    void launch(Instant now) {
        if (state != State.DRAFT) {
            throw DomainException.conflict("poll.not-draft", "This poll was launched already.");
        }
        state = State.OPEN;
        launchedAt = now;
        closesAt = durationSeconds == null ? null : now.plusSeconds(durationSeconds);
        countArray(new long[slots()]);
        updatedAt = now;
    }

    void close(Instant now) {
        if (state != State.OPEN) {
            throw DomainException.conflict("poll.not-open", "This poll is not open.");
        }
        state = State.CLOSED;
        closedAt = now;
        updatedAt = now;
    }

    void requireOpen(Instant now) {
        if (state != State.OPEN || (closesAt != null && !now.isBefore(closesAt))) {
            throw DomainException.conflict("poll.closed", "This poll is not open for votes.");
        }
    }

    /** Whether a reader sees the tally now: moderators always; others per {@link #results} and the state. */
    boolean tallyVisibleTo(boolean moderator) {
        if (moderator) {
            return true;
        }
        return switch (results) {
            case LIVE -> state != State.DRAFT;
            case CLOSED -> state == State.CLOSED;
            case MODERATORS -> false;
        };
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Integer> sortedDistinct(List<Integer> values) {
        return new ArrayList<>(new java.util.TreeSet<>(values));
    }
}
