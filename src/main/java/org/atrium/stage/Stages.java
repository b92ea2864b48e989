package org.atrium.stage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atrium.common.DomainException;
import org.atrium.common.Versions;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;

/**
 * The stage's use cases and reads: set or remove a stream (a venue's, a session's own, a session's recording), the
 * stream in force for a session, an event's lobby, and the recordings the feeds list. Other features read recordings
 * through {@link #recordings}.
 */
@ApplicationScoped
public class Stages {

    @Inject
    StageConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<StageChanged> changes;

    /** Sets (or replaces) the stream of a venue or a session; fires {@link StageChanged}. */
    StageStream set(
            org.atrium.event.Event event,
            Venue venue,
            ConferenceSession session,
            StreamUrl.Purpose purpose,
            StreamForm form) {
        StreamUrl source = StreamUrl.read(
                form.url(), form.provider(), purpose, config.plainHttpHosts().orElse(List.of()));
        boolean allowEmbed = Boolean.TRUE.equals(form.allowEmbed());
        if (allowEmbed && source.provider() != Provider.JITSI) {
            throw DomainException.invalid("stream.embed-not-allowed", "Only a Jitsi meeting can be embedded.");
        }
        StageStream stream = find(venue, session, purpose).orElse(null);
        if (stream == null) {
            stream = new StageStream();
            stream.event = event;
            stream.venue = venue;
            stream.session = session;
            stream.purpose = purpose;
        } else {
            Versions.check("stream", stream.version, form.version());
        }
        stream.provider = source.provider();
        stream.url = source.url();
        stream.instructions = blankToNull(form.instructions());
        stream.allowEmbed = allowEmbed;
        stream.updatedAt = clock.instant();
        stream.persistAndFlush();
        fire(stream);
        return stream;
    }

    /** Removes the stream; false when there was none. */
    boolean remove(Venue venue, ConferenceSession session, StreamUrl.Purpose purpose) {
        Optional<StageStream> stream = find(venue, session, purpose);
        stream.ifPresent(s -> {
            s.delete();
            fire(s);
        });
        return stream.isPresent();
    }

    Optional<StageStream> find(Venue venue, ConferenceSession session, StreamUrl.Purpose purpose) {
        return venue != null
                ? StageStream.<StageStream>find("venue", venue).firstResultOptional()
                : StageStream.<StageStream>find("session = ?1 and purpose = ?2", session, purpose)
                        .firstResultOptional();
    }

    /** The session's own stream, else its venue's. */
    Optional<StageStream> inForce(ConferenceSession session) {
        return find(null, session, StreamUrl.Purpose.LIVE)
                .or(() -> session.venue == null ? Optional.empty() : find(session.venue, null, null));
    }

    /** Every stream and recording of the event (for its Content-Security-Policy). */
    List<StageStream> ofEvent(long eventId) {
        return StageStream.list("event.id", eventId);
    }

    /** The recordings of these sessions, by session id (the feeds' {@code <recording>}, links and iCal URL). */
    public Map<Long, String> recordings(java.util.Collection<Long> sessionIds) {
        Map<Long, String> result = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return result;
        }
        StageStream.<StageStream>list("session.id in ?1 and purpose = ?2", sessionIds, StreamUrl.Purpose.RECORDING)
                .forEach(s -> result.put(s.session.id, s.url));
        return result;
    }

    /** Now and next on every stage, the opening and closing, and the recordings of ended sessions. */
    LobbyView lobby(org.atrium.event.Event event) {
        Instant now = clock.instant();
        List<Venue> venues = Venue.list("event.id = ?1 order by name, id", event.id);
        List<ConferenceSession> sessions =
                ConferenceSession.list("event.id = ?1 and cancelled = false order by startsAt, id", event.id);
        Map<Long, StageStream> byVenue = new HashMap<>();
        Map<Long, StageStream> bySession = new HashMap<>();
        Map<Long, StageStream> recordingBySession = new HashMap<>();
        for (StageStream s : ofEvent(event.id)) {
            if (s.venue != null) {
                byVenue.put(s.venue.id, s);
            } else if (s.purpose == StreamUrl.Purpose.LIVE) {
                bySession.put(s.session.id, s);
            } else {
                recordingBySession.put(s.session.id, s);
            }
        }
        List<LobbyView.Stage> stages = new ArrayList<>();
        for (Venue v : venues) {
            StageStream venueStream = byVenue.get(v.id);
            LobbyView.Slot current = null;
            LobbyView.Slot next = null;
            for (ConferenceSession s : sessions) {
                if (s.venue == null || !s.venue.id.equals(v.id)) {
                    continue;
                }
                StageStream stream = bySession.getOrDefault(s.id, venueStream);
                LobbyView.Slot slot = new LobbyView.Slot(
                        s.id, s.title, s.startsAt, s.endsAt, stream == null ? null : stream.provider);
                if (!s.startsAt.isAfter(now) && s.endsAt.isAfter(now)) {
                    current = current == null ? slot : current;
                } else if (s.startsAt.isAfter(now) && next == null) {
                    next = slot;
                }
            }
            stages.add(new LobbyView.Stage(
                    v.id, v.name, venueStream == null ? null : venueStream.provider, current, next));
        }
        List<LobbyView.Recording> recordings = sessions.stream()
                .filter(s -> !s.endsAt.isAfter(now) && recordingBySession.containsKey(s.id))
                .sorted(Comparator.comparing((ConferenceSession s) -> s.startsAt)
                        .thenComparing(s -> s.id))
                .map(s -> {
                    StageStream r = recordingBySession.get(s.id);
                    return new LobbyView.Recording(
                            s.id, s.title, s.venue == null ? null : s.venue.name, s.startsAt, r.provider, r.url);
                })
                .toList();
        Instant opens = sessions.stream()
                .map(s -> s.startsAt)
                .min(Comparator.naturalOrder())
                .orElse(event.firstDay.atStartOfDay(event.zone()).toInstant());
        Instant closes = sessions.stream()
                .map(s -> s.endsAt)
                .max(Comparator.naturalOrder())
                .orElse(event.lastDay.plusDays(1).atStartOfDay(event.zone()).toInstant());
        return new LobbyView(event.slug, event.title, event.timeZone, now, opens, closes, stages, recordings);
    }

    private void fire(StageStream s) {
        List<Long> affected;
        if (s.session != null) {
            affected = List.of(s.session.id);
        } else if (s.venue != null) {
            affected = ConferenceSession.<ConferenceSession>list("venue.id", s.venue.id).stream()
                    .map(c -> c.id)
                    .toList();
        } else {
            affected = List.of();
        }
        changes.fire(new StageChanged(
                s.event.id,
                s.id,
                s.venue == null ? null : s.venue.id,
                s.session == null ? null : s.session.id,
                s.purpose.name().toLowerCase(java.util.Locale.ROOT),
                s.version,
                affected));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
