package org.atrium.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Track;
import org.atrium.schedule.Venue;
import org.atrium.speaker.Speaker;

/**
 * Builders for test data, written straight to the real database (inject into a {@code @QuarkusTest}). Each call
 * commits, so REST calls made afterwards see the data. Defaults are deliberate and small; override what a test is
 * about.
 */
@ApplicationScoped
public class Fixtures {

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A published event in Asia/Baku on 2027-05-12..13 organised by the account "organiser". */
    @Transactional
    /**
     * A published event in Baku (yesterday to tomorrow) whose session "Clearing land" on the Main Stage started ten
     * minutes ago and lasts an hour; its speaker is Dr. Leyla Hüseynova (account {@code speaker}); {@code alice} is a
     * confirmed participant in London. The live room the browser tests meet.
     */
    public ConferenceSession sessionUnderway(String slugPrefix) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event = event(uniqueSlug(slugPrefix), "Asia/Baku", today.minusDays(1), today.plusDays(1), true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ConferenceSession session = session(
                event, room(event, "Main Stage", 300), "Clearing land", now.minusSeconds(600), now.plusSeconds(3000));
        addSpeaker(session, speaker(event, "Dr. Leyla Hüseynova", "speaker"), SessionSpeaker.Role.SPEAKER);
        registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        return session;
    }

    public Event publishedEvent() {
        return event(uniqueSlug("ev"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), true);
    }

    @Transactional
    public Event event(String slug, String zone, LocalDate first, LocalDate last, boolean published) {
        Event e = new Event();
        e.slug = slug;
        e.title = "Event " + slug;
        e.timeZone = zone;
        e.firstDay = first;
        e.lastDay = last;
        e.status = published ? Event.Status.PUBLISHED : Event.Status.DRAFT;
        e.createdBy = "organiser";
        e.organisers.add("organiser");
        e.createdAt = Instant.parse("2026-01-01T00:00:00Z");
        e.updatedAt = e.createdAt;
        e.persist();
        return e;
    }

    /** Makes {@code subject} a co-organiser of the event. */
    @Transactional
    public void addOrganiser(Event event, String subject) {
        Event e = Event.findById(event.id);
        e.organisers.add(subject);
    }

    @Transactional
    public Venue room(Event event, String name, Integer capacity) {
        Venue r = new Venue();
        r.event = Event.findById(event.id);
        r.name = name;
        r.capacity = capacity;
        r.joinUrl = "https://meet.example.org/" + name.toLowerCase().replace(' ', '-');
        r.persist();
        return r;
    }

    @Transactional
    public Track track(Event event, String name, String colour) {
        Track t = new Track();
        t.event = Event.findById(event.id);
        t.name = name;
        t.colour = colour;
        t.persist();
        return t;
    }

    @Transactional
    public Speaker speaker(Event event, String name, String accountSubject) {
        Speaker s = new Speaker();
        s.event = Event.findById(event.id);
        s.name = name;
        s.accountSubject = accountSubject;
        s.persist();
        return s;
    }

    /** A talk from {@code start} to {@code end} (instants), optionally in a room. */
    @Transactional
    public ConferenceSession session(Event event, Venue room, String title, Instant start, Instant end) {
        ConferenceSession s = new ConferenceSession();
        s.event = Event.findById(event.id);
        s.venue = room == null ? null : Venue.findById(room.id);
        s.title = title;
        s.type = ConferenceSession.Type.TALK;
        s.reschedule(start, end);
        s.createdAt = Instant.parse("2026-01-01T00:00:00Z");
        s.updatedAt = s.createdAt;
        s.persist();
        return s;
    }

    @Transactional
    public void addSpeaker(ConferenceSession session, Speaker speaker, SessionSpeaker.Role role) {
        SessionSpeaker link = new SessionSpeaker();
        link.session = ConferenceSession.findById(session.id);
        link.speaker = Speaker.findById(speaker.id);
        link.role = role;
        link.persist();
    }

    /** Gives an event a title and description people would write (for screenshots). */
    @Transactional
    public void describe(Event event, String title, String description) {
        Event e = Event.findById(event.id);
        e.title = title;
        e.description = description;
    }

    @Transactional
    public void assignTrack(ConferenceSession session, Track track) {
        ConferenceSession s = ConferenceSession.findById(session.id);
        s.track = Track.findById(track.id);
    }

    /**
     * The largest event the bounds allow, every text field full: {@code days} days in Asia/Baku from 2027-05-01,
     * published, with the given counts of tracks, rooms, speakers (each with a full biography and links) and sessions
     * (each with a full abstract and {@code speakersPerSession} speakers). Text mixes characters that cost most to
     * encode in JSON, XML and iCalendar (multi-byte letters, quotes, ampersands, angle brackets, commas).
     */
    @Transactional
    public Event largestEvent(int days, int tracks, int rooms, int speakers, int sessions, int speakersPerSession) {
        Event e = event(uniqueSlug("max"), "Asia/Baku", LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, days), true);
        e.description = text(20000);
        Track[] trackRows = new Track[tracks];
        for (int i = 0; i < tracks; i++) {
            trackRows[i] = track(e, text(110) + i, "#b03a2e");
        }
        Venue[] roomRows = new Venue[rooms];
        for (int i = 0; i < rooms; i++) {
            roomRows[i] = room(e, text(110) + i, 100000);
            roomRows[i].joinUrl = "https://stream.example.org/" + "r".repeat(1950) + i;
        }
        Speaker[] speakerRows = new Speaker[speakers];
        for (int i = 0; i < speakers; i++) {
            Speaker s = speaker(e, text(190) + i, null);
            s.bio = text(4000);
            s.affiliation = text(200);
            s.country = "AZ";
            s.photoUrl = "https://img.example.org/" + "p".repeat(1950) + i;
            for (int l = 0; l < 10; l++) {
                s.links.add(new Speaker.Link(text(120), "https://link.example.org/" + "l".repeat(450) + l));
            }
            speakerRows[i] = s;
        }
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Baku");
        for (int i = 0; i < sessions; i++) {
            LocalDate day = LocalDate.of(2027, 5, 1).plusDays(i % days);
            Instant start = day.atTime(9 + (i / rooms) % 12, 0).atZone(zone).toInstant();
            ConferenceSession s = session(e, roomRows[i % rooms], text(290) + i, start, start.plusSeconds(3000));
            s.summary = text(4000);
            s.language = "az-Latn-AZ";
            s.track = trackRows[i % tracks];
            for (int k = 0; k < speakersPerSession; k++) {
                addSpeaker(s, speakerRows[(i * speakersPerSession + k) % speakers], SessionSpeaker.Role.SPEAKER);
            }
        }
        return e;
    }

    /** {@code length} characters that each cost several bytes in JSON, XML or iCalendar. */
    private static String text(int length) {
        String unit = "Ə\"&<>,;€ ";
        return unit.repeat(length / unit.length() + 1).substring(0, length);
    }

    /** A registration of {@code subject} for the event in the given state, with an optional preferred zone. */
    @Transactional
    public Registration registration(Event event, String subject, Registration.State state, String timeZone) {
        Registration r = new Registration();
        r.event = Event.findById(event.id);
        r.subject = subject;
        r.displayName = subject;
        r.email = subject + "@example.org";
        r.timeZone = timeZone;
        r.state = state;
        r.createdAt = Instant.parse("2026-01-01T00:00:00Z");
        r.updatedAt = r.createdAt;
        r.persist();
        return r;
    }
}
