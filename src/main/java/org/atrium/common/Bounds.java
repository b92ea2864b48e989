package org.atrium.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalDate;

/**
 * What one account can make the server hold: the domain's size limits, configurable under {@code atrium.bounds.*},
 * documented in {@code src/docs/bounds.md} and served to clients at {@code GET /api/limits}. Field lengths are fixed by
 * the forms' {@code @Size} constraints; these are the counts and ranges. Each is checked by the use case that would cross
 * it, under the event's row lock, and refused with its own code.
 */
@ConfigMapping(prefix = "atrium.bounds")
public interface Bounds {

    /** Longest event, first to last day inclusive ({@code event.too-long}). */
    @WithDefault("31")
    int eventMaxDays();

    /** Earliest first day of an event ({@code event.day-out-of-range}). */
    @WithDefault("1990-01-01")
    LocalDate earliestDay();

    /** Latest last day of an event ({@code event.day-out-of-range}). */
    @WithDefault("2100-12-31")
    LocalDate latestDay();

    /** Sessions in one event, cancelled ones included ({@code event.too-many-sessions}). */
    @WithDefault("500")
    int sessionsPerEvent();

    /** Speakers on one session's line-up ({@code session.too-many-speakers}). */
    @WithDefault("10")
    int speakersPerSession();

    /** Speaker profiles in one event ({@code event.too-many-speakers}). */
    @WithDefault("500")
    int speakersPerEvent();

    /** Tracks in one event ({@code event.too-many-tracks}). */
    @WithDefault("50")
    int tracksPerEvent();

    /** Rooms in one event ({@code event.too-many-rooms}). */
    @WithDefault("100")
    int roomsPerEvent();

    /** Organisers of one event ({@code event.too-many-organisers}). */
    @WithDefault("50")
    int organisersPerEvent();

    /**
     * Open invitations one event may have at once: neither accepted, withdrawn nor expired, so that an event can go on
     * inviting after many have been used ({@code event.too-many-invitations}).
     */
    @WithDefault("1000")
    int invitationsPerEvent();

    /**
     * Questions one account may ask in one live room (a session's, or an event channel), withdrawn ones included
     * ({@code question.too-many}); 0 means no limit.
     */
    @WithDefault("100")
    int questionsPerAccountPerRoom();

    /** Chat lines one account may post in one live room ({@code chat.too-many-lines}); 0 means no limit. */
    @WithDefault("2000")
    int chatLinesPerAccountPerRoom();

    /**
     * Bytes of one uploaded image: a speaker's photo, an event's logo ({@code upload.too-large}). A body over
     * {@code atrium.http.max-body-size} (1 MiB) is refused before with {@code request.too-large}, so a larger value
     * needs that raised too.
     */
    @WithDefault("1048576")
    int imageMaxBytes();

    /**
     * Pixels (width × height) an uploaded image may declare, read from its header before anything is decoded
     * ({@code upload.too-many-pixels}): a few kilobytes of PNG can declare a canvas that needs gigabytes.
     */
    @WithDefault("40000000")
    long imageMaxPixels();

    /** The longer side of a stored image, in pixels: larger uploads are downscaled to it (never refused). */
    @WithDefault("1024")
    int imageMaxSide();

    /**
     * Public bodies kept rendered in memory ({@link PublicRenderings}): programmes, their viewer-zone variants (one per
     * zone asked for), schedule feeds and event-list pages. When full, all are dropped and rebuilt on demand.
     */
    @WithDefault("512")
    int publicRenderings();

    /**
     * Bytes of those bodies (64 MiB by default; the largest event's programme is about 12.5 MB). A body larger than
     * this is served but not kept.
     */
    @WithDefault("67108864")
    long publicRenderingsBytes();

    /**
     * Refuses with {@code code} (409) when an event already holds {@code count} of something and may hold at most
     * {@code max}; the problem names the limit so a client can tell its user.
     */
    static void checkCount(String code, String what, long count, int max) {
        if (count >= max) {
            throw new DomainException(
                    409,
                    code,
                    "An event may have at most " + max + " " + what + "; this one has " + count + ".",
                    java.util.Map.of("limit", max));
        }
    }
}
