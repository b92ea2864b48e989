package org.atrium.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.atrium.timezone.LocalTimes;

/**
 * A session as clients see it. {@code start}/{@code end} are instants (UTC); {@code localStart}/{@code localEnd} are
 * the same moments on the event's wall clock with the offset in force then (e.g. {@code 2027-05-12T15:00:00+04:00}).
 */
record SessionView(
        long id,
        String title,
        @JsonProperty("abstract") String summary,
        ConferenceSession.Type type,
        String language,
        Long trackId,
        Long roomId,
        Instant start,
        Instant end,
        String localStart,
        String localEnd,
        Integer capacity,
        boolean cancelled,
        int scheduleRevision,
        List<SpeakerRef> speakers,
        Instant updatedAt,
        long version) {

    /** A speaker on a session, in line-up order. */
    record SpeakerRef(long speakerId, String name, SessionSpeaker.Role role) {}

    static SessionView of(ConferenceSession s, ZoneId zone, List<SpeakerRef> speakers) {
        return new SessionView(
                s.id,
                s.title,
                s.summary,
                s.type,
                s.language,
                s.track == null ? null : s.track.id,
                s.venue == null ? null : s.venue.id,
                s.startsAt,
                s.endsAt,
                local(s.startsAt, zone),
                local(s.endsAt, zone),
                s.capacity,
                s.cancelled,
                s.scheduleRevision,
                List.copyOf(speakers),
                s.updatedAt,
                s.version);
    }

    static String local(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(LocalTimes.at(instant, zone));
    }
}
