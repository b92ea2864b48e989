package org.atrium.live;

import static org.atrium.live.LiveCommand.Effect.CHANGES_RULES;
import static org.atrium.live.LiveCommand.Effect.CONTENT;
import static org.atrium.live.LiveCommand.Sender.ANYONE;
import static org.atrium.live.LiveCommand.Sender.MODERATOR;
import static org.atrium.live.LiveCommand.Sender.SERVER;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every command of the live protocol, each declared once: its wire name, where it may be sent, who may send it, the
 * rate bucket it counts against, whether it changes the room's rules, how its payload is read, and the use case that
 * applies it inside the room writer's transaction. Adding a command is one constant here plus its use case, and a
 * section in src/docs/live-protocol.md (LiveProtocolDocTest holds the two lists equal). An unknown name is refused
 * with {@code message.unknown-type}.
 */
enum LiveCommand {
    PING("ping", null, ANYONE, RateBucket.NONE, CONTENT, Payload.None::read, null),

    QUESTION_ASK(
            "question.ask",
            Channel.SESSION,
            ANYONE,
            RateBucket.QUESTION,
            CONTENT,
            Payload.Ask::read,
            (u, b, c) -> u.questions().ask(b, c.member(), (Payload.Ask) c.payload())),
    QUESTION_EDIT(
            "question.edit",
            Channel.SESSION,
            ANYONE,
            RateBucket.QUESTION,
            CONTENT,
            Payload.QuestionText::read,
            (u, b, c) -> u.questions().edit(b, c.member(), (Payload.QuestionText) c.payload())),
    QUESTION_WITHDRAW(
            "question.withdraw",
            Channel.SESSION,
            ANYONE,
            RateBucket.QUESTION,
            CONTENT,
            Payload.QuestionRef::read,
            (u, b, c) -> u.questions().withdraw(b, c.member(), (Payload.QuestionRef) c.payload())),
    QUESTION_VOTE(
            "question.vote",
            Channel.SESSION,
            ANYONE,
            RateBucket.VOTE,
            CONTENT,
            Payload.QuestionRef::read,
            (u, b, c) -> u.questions().vote(b, c.member(), (Payload.QuestionRef) c.payload())),
    QUESTION_UNVOTE(
            "question.unvote",
            Channel.SESSION,
            ANYONE,
            RateBucket.VOTE,
            CONTENT,
            Payload.QuestionRef::read,
            (u, b, c) -> u.questions().unvote(b, c.member(), (Payload.QuestionRef) c.payload())),
    QUESTION_APPROVE("question.approve", QuestionBoard.Action.APPROVE),
    QUESTION_DISMISS("question.dismiss", QuestionBoard.Action.DISMISS),
    QUESTION_RESTORE("question.restore", QuestionBoard.Action.RESTORE),
    QUESTION_PIN("question.pin", QuestionBoard.Action.PIN),
    QUESTION_UNPIN("question.unpin", QuestionBoard.Action.UNPIN),
    QUESTION_ANSWER("question.answer", QuestionBoard.Action.ANSWER),
    QUESTION_ARCHIVE("question.archive", QuestionBoard.Action.ARCHIVE),
    QUESTION_REPLY(
            "question.reply",
            Channel.SESSION,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            Payload.QuestionText::read,
            (u, b, c) -> u.questions().reply(b, c.member(), (Payload.QuestionText) c.payload())),
    QUESTION_MERGE(
            "question.merge",
            Channel.SESSION,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            Payload.Merge::read,
            (u, b, c) -> u.questions().merge(b, (Payload.Merge) c.payload())),

    ROOM_CONFIGURE(
            "room.configure",
            Channel.SESSION,
            MODERATOR,
            RateBucket.MODERATION,
            CHANGES_RULES,
            Payload.Configure::read,
            (u, b, c) -> u.moderation().configure(b, (Payload.Configure) c.payload())),
    QA_OPEN("qa.open", RoomSettings.QaMode.OPEN),
    QA_CLOSE("qa.close", RoomSettings.QaMode.CLOSED),
    QA_AUTO("qa.auto", RoomSettings.QaMode.AUTO),

    CHAT_POST(
            "chat.post",
            Channel.SESSION,
            ANYONE,
            RateBucket.CHAT,
            CONTENT,
            Payload.Text::read,
            (u, b, c) -> u.chat().post(b, c.member(), (Payload.Text) c.payload())),
    CHAT_DELETE(
            "chat.delete",
            Channel.SESSION,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            Payload.MessageRef::read,
            (u, b, c) -> u.chat().delete(b, (Payload.MessageRef) c.payload())),

    MEMBER_MUTE(
            "member.mute",
            Channel.SESSION,
            MODERATOR,
            RateBucket.MODERATION,
            CHANGES_RULES,
            Payload.MuteTarget::read,
            (u, b, c) -> u.moderation().mute(b, c.member(), (Payload.MuteTarget) c.payload(), true)),
    MEMBER_UNMUTE(
            "member.unmute",
            Channel.SESSION,
            MODERATOR,
            RateBucket.MODERATION,
            CHANGES_RULES,
            Payload.MuteTarget::read,
            (u, b, c) -> u.moderation().mute(b, c.member(), (Payload.MuteTarget) c.payload(), false)),

    ANNOUNCEMENT_POST(
            "announcement.post",
            Channel.EVENT,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            Payload.Text::read,
            (u, b, c) -> u.moderation().announce(b, c.member(), (Payload.Text) c.payload())),

    /** Stored on the event channel when the schedule changes; no client may send it. */
    SESSION_CHANGED(
            "session.changed",
            Channel.EVENT,
            SERVER,
            RateBucket.NONE,
            CONTENT,
            null,
            (u, b, c) -> u.moderation().sessionChanged(b, (Payload.SessionChange) c.payload()));

    /** Who may send a command. */
    enum Sender {
        /** Anyone admitted to the room. */
        ANYONE,
        /** The room's moderators: the session's speakers and moderators, and the event's organisers. */
        MODERATOR,
        /** Only the server itself (no client frame is accepted under this name). */
        SERVER
    }

    /** Whether a command changes what the room writer keeps between batches (see {@link LiveRoom.Rules}). */
    enum Effect {
        CONTENT,
        CHANGES_RULES
    }

    /** The per-account, per-room, per-minute allowance a command counts against. */
    enum RateBucket {
        QUESTION("question", LiveConfig::asksPerMinute),
        VOTE("vote", LiveConfig::votesPerMinute),
        CHAT("chat", LiveConfig::chatPerMinute),
        MODERATION("moderation", LiveConfig::moderationPerMinute),
        /** Not limited (ping, server commands). */
        NONE(null, null);

        /** Names the bucket in {@link RateLimits} and prefixes its error code ({@code chat.rate-limited}). */
        final String kind;

        final Function<LiveConfig, Integer> perMinute;

        RateBucket(String kind, Function<LiveConfig, Integer> perMinute) {
            this.kind = kind;
            this.perMinute = perMinute;
        }
    }

    /** The use cases a command's handler may call (all run inside the room writer's transaction). */
    record UseCases(QuestionBoard questions, Chat chat, Moderation moderation) {}

    /** Applies a command inside the room writer's transaction and returns its event (or throws a DomainException). */
    interface Handler {
        RoomEvent apply(UseCases u, BatchContext b, Command c);
    }

    /** Reads and validates a client command's payload from its frame. */
    interface Reader {
        Payload read(Payload.Fields fields);
    }

    final String wire;
    /** Where it may be sent; null: both (ping). */
    final Channel channel;

    final Sender sender;
    final RateBucket bucket;
    final Effect effect;
    private final Reader reader;
    private final Handler handler;

    LiveCommand(
            String wire,
            Channel channel,
            Sender sender,
            RateBucket bucket,
            Effect effect,
            Reader reader,
            Handler handler) {
        this.wire = wire;
        this.channel = channel;
        this.sender = sender;
        this.bucket = bucket;
        this.effect = effect;
        this.reader = reader;
        this.handler = handler;
    }

    /** A moderator's step on one question (approve, pin, ...). */
    LiveCommand(String wire, QuestionBoard.Action action) {
        this(
                wire,
                Channel.SESSION,
                MODERATOR,
                RateBucket.MODERATION,
                CONTENT,
                Payload.QuestionRef::read,
                (u, b, c) -> u.questions().moderate(b, (Payload.QuestionRef) c.payload(), action));
    }

    /** A moderator's switch of the room's Q&A mode. */
    LiveCommand(String wire, RoomSettings.QaMode mode) {
        this(
                wire,
                Channel.SESSION,
                MODERATOR,
                RateBucket.MODERATION,
                CHANGES_RULES,
                Payload.None::read,
                (u, b, c) -> u.moderation().qa(b, mode));
    }

    private static final Map<String, LiveCommand> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(c -> c.wire, c -> c));

    /** The command a client may send under this name on this channel, or null (refused as an unknown type). */
    static LiveCommand fromClient(String wire, Channel on) {
        LiveCommand c = BY_WIRE.get(wire);
        if (c == null || c.sender == SERVER || (c.channel != null && c.channel != on)) {
            return null;
        }
        return c;
    }

    boolean changesRules() {
        return effect == CHANGES_RULES;
    }

    /** Whether the command is answered at once and never reaches the room writer (ping). */
    boolean immediate() {
        return handler == null;
    }

    Payload parse(Payload.Fields fields) {
        return reader.read(fields);
    }

    RoomEvent apply(UseCases u, BatchContext b, Command c) {
        return handler.apply(u, b, c);
    }
}
