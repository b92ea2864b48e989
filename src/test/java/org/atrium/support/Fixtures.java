package org.atrium.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Room;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Track;
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

    @Transactional
    public Room room(Event event, String name, Integer capacity) {
        Room r = new Room();
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
    public ConferenceSession session(Event event, Room room, String title, Instant start, Instant end) {
        ConferenceSession s = new ConferenceSession();
        s.event = Event.findById(event.id);
        s.room = room == null ? null : Room.findById(room.id);
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
