package org.atrium.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.atrium.event.Event;
import org.atrium.schedule.SessionView.SpeakerRef;
import org.atrium.speaker.Speaker;

/**
 * An event's whole programme in one document: the event, its rooms, tracks and speakers, and its sessions grouped by
 * the event-local day they start on (every day of the event appears, empty or not). Times are instants plus the
 * event's wall clock, so a viewer-zone rendering can be added from the instants alone. Join URLs are left out: the
 * programme is public and cacheable.
 */
record ProgrammeView(
        EventInfo event, List<Day> days, List<VenueView> rooms, List<TrackView> tracks, List<SpeakerInfo> speakers) {

    record EventInfo(
            long id,
            String slug,
            String title,
            String description,
            String timeZone,
            LocalDate firstDay,
            LocalDate lastDay,
            Event.Status status,
            Instant opensAt,
            Instant closesAt) {}

    /** One event-local day: {@code [start, end)} as instants, and the sessions starting in it by start time. */
    record Day(LocalDate date, Instant start, Instant end, String localStart, List<SessionView> sessions) {}

    /** What the public may know about a speaker (no account link); {@code photoUrl} is the photo to show. */
    record SpeakerInfo(
            long id, String name, String bio, String affiliation, String country, String photoUrl, List<Link> links) {}

    record Link(String label, String url) {}

    /**
     * Builds the programme from rows already loaded: {@code sessions} in start order, {@code lineUps} by session id.
     */
    static ProgrammeView of(
            Event event,
            List<Venue> rooms,
            List<Track> tracks,
            List<Speaker> speakers,
            List<ConferenceSession> sessions,
            Map<Long, List<SpeakerRef>> lineUps) {
        ZoneId zone = event.zone();
        TreeMap<LocalDate, List<SessionView>> byDay = new TreeMap<>();
        for (LocalDate d = event.firstDay; !d.isAfter(event.lastDay); d = d.plusDays(1)) {
            byDay.put(d, new ArrayList<>());
        }
        for (ConferenceSession s : sessions) {
            LocalDate date = s.startsAt.atZone(zone).toLocalDate();
            byDay.computeIfAbsent(date, d -> new ArrayList<>()).add(SessionView.of(s, zone, LineUps.of(lineUps, s.id)));
        }
        List<Day> days = byDay.entrySet().stream()
                .map(e -> {
                    Instant start = e.getKey().atStartOfDay(zone).toInstant();
                    return new Day(
                            e.getKey(),
                            start,
                            e.getKey().plusDays(1).atStartOfDay(zone).toInstant(),
                            SessionView.local(start, zone),
                            List.copyOf(e.getValue()));
                })
                .toList();
        return new ProgrammeView(
                new EventInfo(
                        event.id,
                        event.slug,
                        event.title,
                        event.description,
                        event.timeZone,
                        event.firstDay,
                        event.lastDay,
                        event.status,
                        event.opensAt(),
                        event.closesAt()),
                days,
                rooms.stream().map(r -> VenueView.of(r, false)).toList(),
                tracks.stream().map(TrackView::of).toList(),
                speakers.stream()
                        .map(s -> new SpeakerInfo(
                                s.id,
                                s.name,
                                s.bio,
                                s.affiliation,
                                s.country,
                                s.photoLink(event.slug),
                                s.links.stream()
                                        .map(l -> new Link(l.label, l.url))
                                        .toList()))
                        .toList());
    }
}
