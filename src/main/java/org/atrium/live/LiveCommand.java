package org.atrium.live;

import static org.atrium.live.LiveCommand.Effect.CHANGES_RULES;
import static org.atrium.live.LiveCommand.Effect.CONTENT;
import static org.atrium.live.LiveCommand.Effect.TALLIED;
import static org.atrium.live.LiveCommand.Sender.ANYONE;
import static org.atrium.live.LiveCommand.Sender.MODERATOR;
import static org.atrium.live.LiveCommand.Sender.SERVER;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
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
    /** Answered at once with a pong; never stored (no use case). */
    PING("ping", Set.of(Channel.values()), ANYONE, RateBucket.NONE, CONTENT, null),

    QUESTION_ASK(
            "question.ask",
            Channel.WITH_QA,
            ANYONE,
            RateBucket.QUESTION,
            CONTENT,
            use(Payload.Ask::read, (u, b, sender, p) -> u.questions().ask(b, sender, p))),
    QUESTION_EDIT(
            "question.edit",
            Channel.WITH_QA,
            ANYONE,
            RateBucket.QUESTION,
            CONTENT,
            use(Payload.QuestionText::read, (u, b, sender, p) -> u.questions().edit(b, sender, p))),
    QUESTION_WITHDRAW(
            "question.withdraw",
            Channel.WITH_QA,
            ANYONE,
            RateBucket.QUESTION,
            CONTENT,
            use(Payload.QuestionRef::read, (u, b, sender, p) -> u.questions().withdraw(b, sender, p))),
    QUESTION_VOTE(
            "question.vote",
            Channel.WITH_QA,
            ANYONE,
            RateBucket.VOTE,
            CONTENT,
            use(Payload.QuestionRef::read, (u, b, sender, p) -> u.questions().vote(b, sender, p))),
    QUESTION_UNVOTE(
            "question.unvote",
            Channel.WITH_QA,
            ANYONE,
            RateBucket.VOTE,
            CONTENT,
            use(Payload.QuestionRef::read, (u, b, sender, p) -> u.questions().unvote(b, sender, p))),
    QUESTION_APPROVE("question.approve", QuestionBoard.Action.APPROVE),
    QUESTION_DISMISS("question.dismiss", QuestionBoard.Action.DISMISS),
    QUESTION_RESTORE("question.restore", QuestionBoard.Action.RESTORE),
    QUESTION_PIN("question.pin", QuestionBoard.Action.PIN),
    QUESTION_UNPIN("question.unpin", QuestionBoard.Action.UNPIN),
    QUESTION_ANSWER("question.answer", QuestionBoard.Action.ANSWER),
    QUESTION_ARCHIVE("question.archive", QuestionBoard.Action.ARCHIVE),
    QUESTION_REPLY(
            "question.reply",
            Channel.WITH_QA,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            use(Payload.QuestionText::read, (u, b, sender, p) -> u.questions().reply(b, sender, p))),
    QUESTION_MERGE(
            "question.merge",
            Channel.WITH_QA,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            use(Payload.Merge::read, (u, b, sender, p) -> u.questions().merge(b, p))),

    ROOM_CONFIGURE(
            "room.configure",
            Channel.WITH_QA,
            MODERATOR,
            RateBucket.MODERATION,
            CHANGES_RULES,
            use(Payload.Configure::read, (u, b, sender, p) -> u.moderation().configure(b, p))),
    QA_OPEN("qa.open", RoomSettings.QaMode.OPEN),
    QA_CLOSE("qa.close", RoomSettings.QaMode.CLOSED),
    QA_AUTO("qa.auto", RoomSettings.QaMode.AUTO),

    CHAT_POST(
            "chat.post",
            Set.of(Channel.SESSION),
            ANYONE,
            RateBucket.CHAT,
            CONTENT,
            use(Payload.Text::read, (u, b, sender, p) -> u.chat().post(b, sender, p))),
    CHAT_DELETE(
            "chat.delete",
            Set.of(Channel.SESSION),
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            use(Payload.MessageRef::read, (u, b, sender, p) -> u.chat().delete(b, p))),

    MEMBER_MUTE(
            "member.mute",
            Channel.WITH_QA,
            MODERATOR,
            RateBucket.MODERATION,
            CHANGES_RULES,
            use(Payload.MuteTarget::read, (u, b, sender, p) -> u.moderation().mute(b, sender, p, true))),
    MEMBER_UNMUTE(
            "member.unmute",
            Channel.WITH_QA,
            MODERATOR,
            RateBucket.MODERATION,
            CHANGES_RULES,
            use(Payload.MuteTarget::read, (u, b, sender, p) -> u.moderation().mute(b, sender, p, false))),

    ANNOUNCEMENT_POST(
            "announcement.post",
            Set.of(Channel.EVENT),
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            use(Payload.Text::read, (u, b, sender, p) -> u.moderation().announce(b, sender, p))),

    POLL_LAUNCH(
            "poll.launch",
            Rooms.POLLS,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            use(Payload.PollRef::read, (u, b, sender, p) -> u.polls().launch(b, p))),
    POLL_CLOSE(
            "poll.close",
            Rooms.POLLS,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            use(Payload.PollRef::read, (u, b, sender, p) -> u.polls().close(b, p))),
    POLL_VOTE(
            "poll.vote",
            Rooms.POLLS,
            ANYONE,
            RateBucket.VOTE,
            CONTENT,
            use(Payload.PollVote::read, (u, b, sender, p) -> u.polls().vote(b, sender, p))),
    POLL_HIDE_WORD(
            "poll.hide-word",
            Rooms.POLLS,
            MODERATOR,
            RateBucket.MODERATION,
            CONTENT,
            use(Payload.PollWord::read, (u, b, sender, p) -> u.polls().hideWord(b, p))),
    /** Stored when an open poll's time is up ({@link PollTimer}); the event clients get is this poll.closed. */
    POLL_TIMED_OUT(
            "poll.closed",
            Rooms.POLLS,
            SERVER,
            RateBucket.NONE,
            CONTENT,
            LiveCommand.<Payload.PollRef>use(
                    null, (u, b, sender, p) -> u.polls().expire(b, p))),

    /** Counted in the room's current tick (Reactions), never stored one by one and never acknowledged. */
    REACTION_SEND(
            "reaction.send",
            Channel.WITH_QA,
            ANYONE,
            RateBucket.REACTION,
            TALLIED,
            LiveCommand.<Payload.React>use(Payload.React::read, null)),

    /** Stored on the event channel when the schedule changes; no client may send it. */
    SESSION_CHANGED(
            "session.changed",
            Set.of(Channel.EVENT),
            SERVER,
            RateBucket.NONE,
            CONTENT,
            LiveCommand.<Payload.SessionChange>use(
                    null, (u, b, sender, p) -> u.moderation().sessionChanged(b, p))),

    /** Stored on the event channel when a stream or recording of the event is set or removed; no client may send it. */
    STAGE_CHANGED(
            "stage.changed",
            Set.of(Channel.EVENT),
            SERVER,
            RateBucket.NONE,
            CONTENT,
            LiveCommand.<Payload.StageChange>use(
                    null, (u, b, sender, p) -> u.moderation().stageChanged(b, p)));

    /** Polls run in session rooms and on the event channel (not in works' rooms). */
    private static final class Rooms {
        static final Set<Channel> POLLS = java.util.EnumSet.of(Channel.SESSION, Channel.EVENT);
    }

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
        CHANGES_RULES,
        /** Counted in memory into the room's next tick (reactions): no ref, no ack, no seq, no writer. */
        TALLIED
    }

    /** The per-account, per-room, per-minute allowance a command counts against. */
    enum RateBucket {
        QUESTION("question", LiveConfig::asksPerMinute),
        VOTE("vote", LiveConfig::votesPerMinute),
        CHAT("chat", LiveConfig::chatPerMinute),
        MODERATION("moderation", LiveConfig::moderationPerMinute),
        /** Per connection and second ({@code atrium.live.reactions-per-second}), checked on the event loop. */
        REACTION("reaction", null),
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
    record UseCases(QuestionBoard questions, Chat chat, Moderation moderation, Polls polls) {}

    /** Reads and validates a client command's payload from its frame (null: only the server sends it). */
    interface Reader<P extends Payload> {
        P read(Payload.Fields fields);
    }

    /**
     * Applies a command inside the room writer's transaction and returns its event, or throws a DomainException (then
     * nothing of it is stored). {@code sender} is null for the server's own commands.
     */
    interface Handler<P extends Payload> {
        RoomEvent apply(UseCases u, BatchContext b, Member sender, P payload);
    }

    /** A command's payload reader and its use case, tied by the payload's type. */
    record Use<P extends Payload>(Reader<P> reader, Handler<P> handler) {

        @SuppressWarnings("unchecked") // the payload came from this Use's reader (Intake) or Command.fromServer
        RoomEvent apply(UseCases u, BatchContext b, Command c) {
            return handler.apply(u, b, c.member(), (P) c.payload());
        }
    }

    private static <P extends Payload> Use<P> use(Reader<P> reader, Handler<P> handler) {
        return new Use<>(reader, handler);
    }

    final String wire;
    /** Where it may be sent. */
    final Set<Channel> channels;

    final Sender sender;
    final RateBucket bucket;
    final Effect effect;
    /** Null for ping, which never reaches the writer. */
    private final Use<?> use;

    LiveCommand(String wire, Set<Channel> channels, Sender sender, RateBucket bucket, Effect effect, Use<?> use) {
        this.wire = wire;
        this.channels = channels;
        this.sender = sender;
        this.bucket = bucket;
        this.effect = effect;
        this.use = use;
    }

    /** A moderator's step on one question (approve, pin, ...). */
    LiveCommand(String wire, QuestionBoard.Action action) {
        this(
                wire,
                Channel.WITH_QA,
                MODERATOR,
                RateBucket.MODERATION,
                CONTENT,
                use(
                        Payload.QuestionRef::read,
                        (u, b, sender, p) -> u.questions().moderate(b, p, action)));
    }

    /** A moderator's switch of the room's Q&A mode. */
    LiveCommand(String wire, RoomSettings.QaMode mode) {
        this(
                wire,
                Channel.WITH_QA,
                MODERATOR,
                RateBucket.MODERATION,
                CHANGES_RULES,
                use(Payload.None::read, (u, b, sender, p) -> u.moderation().qa(b, mode)));
    }

    private static final Map<String, LiveCommand> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(c -> c.wire, c -> c));

    /** The command a client may send under this name on this channel, or null (refused as an unknown type). */
    static LiveCommand fromClient(String wire, Channel on) {
        LiveCommand c = BY_WIRE.get(wire);
        if (c == null || c.sender == SERVER || !c.channels.contains(on)) {
            return null;
        }
        return c;
    }

    boolean tallied() {
        return effect == TALLIED;
    }

    boolean changesRules() {
        return effect == CHANGES_RULES;
    }

    /** Whether the command is answered at once and never reaches the room writer (ping). */
    boolean immediate() {
        return use == null;
    }

    /** A client command's payload, read and validated (ping has none). */
    Payload parse(Payload.Fields fields) {
        return use == null ? Payload.None.NONE : use.reader().read(fields);
    }

    RoomEvent apply(UseCases u, BatchContext b, Command c) {
        return use.apply(u, b, c);
    }
}
