package org.atrium.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the live rooms ({@code atrium.live.*}); the load benchmark raises the rate limits. */
@ConfigMapping(prefix = "atrium.live")
public interface LiveConfig {

    /** Browser origins allowed to open a live connection; a handshake without an Origin header is not checked. */
    Optional<List<String>> allowedOrigins();

    /** Longest text frame a client may send, in characters; a longer one closes the connection with 1009. */
    @WithDefault("16384")
    int maxFrameChars();

    /** Longest question, reply, chat line or announcement, in characters. */
    @WithDefault("1000")
    int maxTextLength();

    /** Accepted commands per account, room and minute. */
    @WithDefault("10")
    int asksPerMinute();

    @WithDefault("120")
    int votesPerMinute();

    @WithDefault("60")
    int chatPerMinute();

    /** Moderator commands per account, room and minute. */
    @WithDefault("600")
    int moderationPerMinute();

    /** How long a live connection ticket ({@code POST /api/live/tickets}) may wait for its handshake. */
    @WithDefault("30s")
    Duration ticketTtl();

    /**
     * How long a resume ticket (sent to each member once it has joined, to come back to the room after a drop without
     * a new ticket) is valid at most; never past the expiry of the token behind the connection.
     */
    @WithDefault("1h")
    Duration resumeTicketTtl();

    /** Unused, unexpired tickets one account may hold; one more is refused with 429 live.too-many-tickets. */
    @WithDefault("20")
    int maxTicketsPerAccount();

    /** Open live connections per account (all rooms together). */
    @WithDefault("8")
    int maxConnectionsPerAccount();

    /** Frames written to a connection whose socket stays full before it is closed as too slow (4008). */
    @WithDefault("2000")
    int maxPendingFrames();

    /** A client further behind than this many events gets a fresh snapshot instead of the missed events. */
    @WithDefault("1000")
    int maxResumeEvents();

    /** Chat lines in a snapshot. */
    @WithDefault("50")
    int snapshotChatLines();

    /** Announcements in an event channel's snapshot. */
    @WithDefault("20")
    int snapshotAnnouncements();

    /**
     * Joins (admission and snapshot) that run at the same time, each on a join thread of its own; the others queue for
     * one (holding no thread), so a join storm of thousands neither exhausts the connection pool nor grows the worker
     * pool.
     */
    @WithDefault("8")
    int concurrentJoins();

    /** Most commands one room writes in a single transaction. */
    @WithDefault("500")
    int maxBatch();

    /** How often each connection is pinged (spread over the interval); 0 turns pings off. */
    @WithDefault("PT30S")
    Duration pingInterval();

    /**
     * A connection that sent nothing for this long, not even the pong every client owes a ping, is closed with 4002:
     * its peer is gone (a phone that lost its network sends no FIN, and TCP would notice only after many minutes,
     * while the member counted as present). 0 turns it off; it applies only while pings are on.
     */
    @WithDefault("PT90S")
    Duration maxSilence();

    /** Q&A in schedule mode opens this long before the session starts... */
    @WithDefault("PT15M")
    Duration qaOpensBefore();

    /** ...and closes this long after it ends. */
    @WithDefault("PT30M")
    Duration qaClosesAfter();

    /** Longest slow-mode interval a moderator may set. */
    @WithDefault("3600")
    int maxSlowModeSeconds();

    /** Reactions one connection may send per second; more are refused with reaction.rate-limited. */
    @WithDefault("10")
    int reactionsPerSecond();

    /** How often a room sends its reaction counts and changed poll tallies (one frame of each per tick at most). */
    @WithDefault("PT0.25S")
    Duration tick();
}
