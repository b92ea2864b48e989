package org.atrium.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;

/**
 * What a command carries besides its type and ref, read and validated once, on arrival ({@link LiveCommand#parse});
 * the use cases get these records and never look at the frame again.
 */
sealed interface Payload {

    /** Commands with no fields of their own (ping, qa.open, ...). */
    record None() implements Payload {
        static final None NONE = new None();

        static None read(Fields f) {
            return NONE;
        }
    }

    /** chat.post, announcement.post. */
    record Text(String text) implements Payload {
        static Text read(Fields f) {
            return new Text(f.text("text"));
        }
    }

    /** question.ask. */
    record Ask(String text, boolean anonymous) implements Payload {
        static Ask read(Fields f) {
            String text = f.text("text");
            return new Ask(text, Boolean.TRUE.equals(f.flag("anonymous")));
        }
    }

    /** A command about one question (vote, approve, pin, ...). */
    record QuestionRef(long questionId) implements Payload {
        static QuestionRef read(Fields f) {
            return new QuestionRef(f.id("questionId"));
        }
    }

    /** question.edit, question.reply. */
    record QuestionText(long questionId, String text) implements Payload {
        static QuestionText read(Fields f) {
            long id = f.id("questionId");
            return new QuestionText(id, f.text("text"));
        }
    }

    /** question.merge: fold {@code questionId} into {@code into}. */
    record Merge(long questionId, long into) implements Payload {
        static Merge read(Fields f) {
            long id = f.id("questionId");
            return new Merge(id, f.id("into"));
        }
    }

    /** chat.delete. */
    record MessageRef(long messageId) implements Payload {
        static MessageRef read(Fields f) {
            return new MessageRef(f.id("messageId"));
        }
    }

    /** room.configure: either setting may be left out (null), not both. */
    record Configure(Boolean premoderation, Integer slowModeSeconds) implements Payload {
        static Configure read(Fields f) {
            Boolean premoderation = f.flag("premoderation");
            Integer slow = f.count("slowModeSeconds");
            if (premoderation == null && slow == null) {
                throw Fields.missing("premoderation");
            }
            int max = f.config.maxSlowModeSeconds();
            if (slow != null && (slow < 0 || slow > max)) {
                throw new DomainException(
                        400,
                        "message.invalid-field",
                        "slowModeSeconds must be between 0 and " + max + ".",
                        Map.of("field", "slowModeSeconds"));
            }
            return new Configure(premoderation, slow);
        }
    }

    /** member.mute, member.unmute: an account, in this room or (organisers) the whole event. */
    record MuteTarget(String subject, boolean eventWide) implements Payload {
        static MuteTarget read(Fields f) {
            String subject = f.string("subject");
            String scope = f.body.path("scope").asText("room");
            if (!scope.equals("room") && !scope.equals("event")) {
                throw Fields.invalid("scope", "\"room\" or \"event\"");
            }
            return new MuteTarget(subject, scope.equals("event"));
        }

        String scope() {
            return eventWide ? "event" : "room";
        }
    }

    /** poll.launch, poll.close: one poll of the room. */
    record PollRef(long pollId) implements Payload {
        static PollRef read(Fields f) {
            return new PollRef(f.id("pollId"));
        }
    }

    /**
     * poll.vote: the chosen indexes (single and multiple choice), a rating, or a short text, whichever the poll asks
     * for; the use case checks them against the poll.
     */
    record PollVote(long pollId, List<Integer> choices, Integer rating, String text) implements Payload {

        static final int MAX_TEXT = 100;

        static PollVote read(Fields f) {
            long id = f.id("pollId");
            List<Integer> choices = null;
            JsonNode node = f.body.get("choices");
            if (node != null && !node.isNull()) {
                if (!node.isArray() || node.isEmpty() || node.size() > Polls.MAX_OPTIONS) {
                    throw Fields.invalid("choices", "a list of 1 to " + Polls.MAX_OPTIONS + " choice indexes");
                }
                choices = new ArrayList<>();
                for (JsonNode c : node) {
                    if (!c.isInt()) {
                        throw Fields.invalid("choices", "a list of choice indexes");
                    }
                    choices.add(c.asInt());
                }
            }
            Integer rating = f.count("rating");
            String text = null;
            if (f.body.hasNonNull("text")) {
                text = f.text("text").strip();
                if (text.codePointCount(0, text.length()) > MAX_TEXT) {
                    throw new DomainException(
                            400,
                            "text.too-long",
                            "'text' is longer than " + MAX_TEXT + " characters.",
                            Map.of("max", MAX_TEXT));
                }
            }
            if (choices == null && rating == null && text == null) {
                throw Fields.missing("choices");
            }
            return new PollVote(id, choices, rating, text);
        }
    }

    /** poll.hide-word: a moderator takes a word out of a text poll's word cloud. */
    record PollWord(long pollId, String word) implements Payload {
        static PollWord read(Fields f) {
            long id = f.id("pollId");
            String word = PollWords.normalise(f.string("word"));
            if (word.isEmpty()) {
                throw Fields.invalid("word", "a word");
            }
            return new PollWord(id, word);
        }
    }

    /** reaction.send: counted in the room's current tick, never stored one by one. */
    record React(Reactions.Kind kind) implements Payload {
        static React read(Fields f) {
            String name = f.string("reaction");
            Reactions.Kind kind = Reactions.Kind.fromWire(name);
            if (kind == null) {
                throw Fields.invalid("reaction", "one of " + Reactions.Kind.wireNames());
            }
            return new React(kind);
        }
    }

    /** session.changed, which only the server sends (after the schedule changed). */
    record SessionChange(long sessionId, String change, long scheduleRevision) implements Payload {}

    /** stage.changed, which only the server sends (after a stream or recording was set or removed). */
    record StageChange(Long roomId, Long sessionId, String purpose) implements Payload {}

    /** A client frame's fields, read with the protocol's error codes. */
    final class Fields {

        final JsonNode body;
        final LiveConfig config;

        Fields(JsonNode body, LiveConfig config) {
            this.body = body;
            this.config = config;
        }

        long id(String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                throw missing(field);
            }
            if (!node.canConvertToLong() || !node.isIntegralNumber()) {
                throw invalid(field, "a whole number");
            }
            return node.asLong();
        }

        /** A non-blank text of at most {@code atrium.live.max-text-length} characters. */
        String text(String field) {
            int max = config.maxTextLength();
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                throw missing(field);
            }
            if (!node.isTextual()) {
                throw invalid(field, "a string");
            }
            String text = node.asText();
            if (text.isBlank()) {
                throw new DomainException(400, "text.empty", "'" + field + "' must not be empty.");
            }
            if (text.codePointCount(0, text.length()) > max) {
                throw new DomainException(
                        400,
                        "text.too-long",
                        "'" + field + "' is longer than " + max + " characters.",
                        Map.of("max", max));
            }
            return text;
        }

        String string(String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                throw missing(field);
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw invalid(field, "a non-empty string");
            }
            return node.asText();
        }

        /** An optional boolean; null when absent. */
        Boolean flag(String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                throw invalid(field, "true or false");
            }
            return node.asBoolean();
        }

        /** An optional whole number; null when absent. */
        Integer count(String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isInt()) {
                throw invalid(field, "a whole number");
            }
            return node.asInt();
        }

        static DomainException missing(String field) {
            return new DomainException(
                    400, "message.missing-field", "The field '" + field + "' is required.", Map.of("field", field));
        }

        static DomainException invalid(String field, String what) {
            return new DomainException(
                    400,
                    "message.invalid-field",
                    "The field '" + field + "' must be " + what + ".",
                    Map.of("field", field));
        }
    }
}
