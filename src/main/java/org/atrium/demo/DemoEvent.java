package org.atrium.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.exhibition.ExhibitionSeed;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Track;
import org.atrium.schedule.Venue;
import org.atrium.speaker.Speaker;
import org.jboss.logging.Logger;

/**
 * The demo event of a fresh run: an online conference on the humanitarian impact of landmines with a virtual
 * contemporary-art exhibition, opening at 15:00 in Asia/Baku on the day after "today in Baku" and running two days.
 * The gallery is open from the moment of loading to the end of the event, so a live room can be tried at once.
 * People and organisations are fictional.
 */
@ApplicationScoped
public class DemoEvent {

    public static final String SLUG = "landmines-art-2026";
    public static final ZoneId ZONE = ZoneId.of("Asia/Baku");
    /** The account that organises the demo event. */
    public static final String ORGANISER = "organiser";
    /** The account linked to a speaker of the consultants' panel. */
    public static final String SPEAKER_ACCOUNT = "speaker";

    private static final Logger LOG = Logger.getLogger(DemoEvent.class);

    @Inject
    EntityManager em;

    @Inject
    ExhibitionSeed seed;

    /**
     * Creates the demo event under {@code slug}, published, unless an event with that slug exists already. Nodes that
     * start together take turns on a transaction-scoped advisory lock, so exactly one creates it and the others find
     * it.
     *
     * @return true when it was created
     */
    @Transactional
    public boolean load(String slug, Clock clock) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('atrium.demo:' || ?1))")
                .setParameter(1, slug)
                .getSingleResult();
        if (Event.count("slug", slug) > 0) {
            return false;
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES);
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        LocalDate day1 = today.plusDays(1);
        LocalDate day2 = today.plusDays(2);

        Event event = new Event();
        event.slug = slug;
        event.title = "Unseen Lines: the humanitarian impact of landmines";
        event.description = "An online conference on the humanitarian impact of landmines and explosive remnants of"
                + " war, with a virtual exhibition of contemporary art from mine-affected regions. Opens at 15:00"
                + " Baku time (GMT+4). A demo event: all people and organisations are fictional.";
        event.timeZone = ZONE.getId();
        event.firstDay = today; // the exhibition preview opens today; the conference days are day1 and day2
        event.lastDay = day2;
        event.status = Event.Status.PUBLISHED;
        event.visibility = Event.Visibility.PUBLIC;
        event.createdBy = ORGANISER;
        event.organisers.add(ORGANISER);
        event.createdAt = now;
        event.updatedAt = now;
        event.persist();

        Track impact = track(event, "Humanitarian impact", "#b03a2e");
        Track water = track(event, "Water and health", "#1f618d");
        Track art = track(event, "Art and memory", "#7d3c98");

        Venue stage =
                room(event, "Main Stage", Venue.Kind.STREAM, 1000, "https://stream.example.org/atrium/unseen-lines");
        Venue panel = room(event, "Panel Room", Venue.Kind.MEETING, 120, "https://meet.example.org/unseen-lines-panel");
        Venue gallery = room(event, "Exhibition Gallery", Venue.Kind.EXHIBITION, null, null);

        Speaker aygun = speaker(
                event,
                "Dr Aygün Məmmədova",
                "Caspian Centre for Mine Action Studies",
                "AZ",
                "Researcher on land release and the return of displaced families; chairs the conference.");
        Speaker resad = speaker(
                event,
                "Rəşad Ağayev",
                "Caspian Centre for Mine Action Studies",
                "AZ",
                "Former survey team leader, now advising on risk education in border villages.");
        Speaker cinare = speaker(
                event,
                "Çinarə Hüseynova",
                "Qarabağ Contemporary Art Space",
                "AZ",
                "Curator of the virtual exhibition \"Traces\".");
        Speaker elcin = speaker(
                event,
                "Elçin Şükürov",
                "Independent artist",
                "AZ",
                "Painter and installation artist working with soil, maps and found objects.");
        Speaker eleanor = speaker(
                event,
                "Eleanor Whitcombe",
                "Harrowgate Demining Consultants",
                "GB",
                "Consultant on non-technical survey and land release in post-conflict regions.");
        eleanor.accountSubject = SPEAKER_ACCOUNT;
        Speaker james = speaker(
                event,
                "James Okafor-Reid",
                "Harrowgate Demining Consultants",
                "GB",
                "Consultant on victim assistance and the economics of clearance.");
        Speaker helene = speaker(
                event,
                "Dr Hélène Favre-Bérard",
                "Institut genevois de l'eau et de la santé",
                "CH",
                "Epidemiologist studying water-borne disease where mines cut off wells and springs.");
        Speaker lucien = speaker(
                event,
                "Prof. Lucien Déléglise",
                "Institut genevois de l'eau et de la santé",
                "CH",
                "Engineer for water supply in contaminated areas; directs the institute's field programme.");

        session(
                event,
                day1,
                "15:00",
                "15:30",
                "Opening of the conference",
                ConferenceSession.Type.KEYNOTE,
                "en",
                impact,
                stage,
                Map.of(aygun, SessionSpeaker.Role.SPEAKER));
        session(
                event,
                day1,
                "15:30",
                "16:15",
                "Living with contamination: thirty years of mine action",
                ConferenceSession.Type.KEYNOTE,
                "en",
                impact,
                stage,
                Map.of(resad, SessionSpeaker.Role.SPEAKER));
        session(
                event,
                day1,
                "16:30",
                "18:00",
                "Clearing land, restoring lives: lessons from UK practice",
                ConferenceSession.Type.PANEL,
                "en",
                impact,
                panel,
                Map.of(
                        eleanor, SessionSpeaker.Role.SPEAKER,
                        james, SessionSpeaker.Role.SPEAKER,
                        aygun, SessionSpeaker.Role.MODERATOR));
        ConferenceSession walkThrough = session(
                event,
                day1,
                "18:15",
                "19:00",
                "Traces: the curator's walk-through of the exhibition",
                ConferenceSession.Type.EXHIBITION,
                "az",
                art,
                stage,
                Map.of(
                        cinare, SessionSpeaker.Role.MODERATOR,
                        elcin, SessionSpeaker.Role.SPEAKER));
        session(
                event,
                day2,
                "15:00",
                "15:45",
                "Water, sanitation and health in mine-affected communities",
                ConferenceSession.Type.TALK,
                "en",
                water,
                stage,
                Map.of(helene, SessionSpeaker.Role.SPEAKER));
        session(
                event,
                day2,
                "15:45",
                "16:30",
                "Explosive remnants and water infrastructure",
                ConferenceSession.Type.TALK,
                "en",
                water,
                stage,
                Map.of(lucien, SessionSpeaker.Role.SPEAKER));
        session(event, day2, "16:30", "16:45", "Break", ConferenceSession.Type.BREAK, null, null, null, Map.of());
        session(
                event,
                day2,
                "16:45",
                "18:15",
                "From survey to safe water: the consultants' panel",
                ConferenceSession.Type.PANEL,
                "en",
                water,
                panel,
                Map.of(
                        eleanor, SessionSpeaker.Role.SPEAKER,
                        james, SessionSpeaker.Role.SPEAKER,
                        helene, SessionSpeaker.Role.SPEAKER,
                        lucien, SessionSpeaker.Role.SPEAKER,
                        resad, SessionSpeaker.Role.MODERATOR));
        session(
                event,
                day2,
                "18:30",
                "19:15",
                "Artists in conversation: the front line as landscape",
                ConferenceSession.Type.TALK,
                "en",
                art,
                panel,
                Map.of(
                        elcin, SessionSpeaker.Role.SPEAKER,
                        cinare, SessionSpeaker.Role.MODERATOR));
        session(
                event,
                day2,
                "19:15",
                "19:45",
                "Closing remarks",
                ConferenceSession.Type.KEYNOTE,
                "en",
                impact,
                stage,
                Map.of(aygun, SessionSpeaker.Role.SPEAKER));

        // open from now to the end of the event, so the live room can be tried at once
        ConferenceSession open = newSession(
                event,
                "Traces: the gallery is open",
                ConferenceSession.Type.EXHIBITION,
                "en",
                art,
                gallery,
                now,
                event.closesAt());
        open.summary = "Walk through the virtual exhibition at any time; artists drop in during the breaks.";
        open.persist();

        exhibition(event, now, day1, walkThrough);

        LOG.infof(
                "Demo event '%s' loaded: %s, opening %s",
                slug, event.title, day1.atTime(15, 0).atZone(ZONE));
        return true;
    }

    private static Track track(Event event, String name, String colour) {
        Track t = new Track();
        t.event = event;
        t.name = name;
        t.colour = colour;
        t.persist();
        return t;
    }

    private static Venue room(Event event, String name, Venue.Kind kind, Integer capacity, String joinUrl) {
        Venue r = new Venue();
        r.event = event;
        r.name = name;
        r.kind = kind;
        r.capacity = capacity;
        r.joinUrl = joinUrl;
        r.persist();
        return r;
    }

    private static Speaker speaker(Event event, String name, String affiliation, String country, String bio) {
        Speaker s = new Speaker();
        s.event = event;
        s.name = name;
        s.affiliation = affiliation;
        s.country = country;
        s.bio = bio;
        s.persist();
        return s;
    }

    /**
     * The exhibition "Traces": a main hall open from now to the end of the event (so it is open when the demo
     * starts), an archive for registered participants open 10:00-18:00 Baku on the first conference day, and four
     * works whose images are painted here ({@link DemoArtworks}); {@code carol} curates it. The curator's walk-through
     * on the programme opens the main hall (and links to it).
     */
    private void exhibition(Event event, Instant now, LocalDate day1, ConferenceSession walkThrough) {
        seed.curator(event, "carol");
        long hall = seed.gallery(
                event,
                "Traces: main hall",
                "Land that was mined is never only land again. These works look at fields after clearance, the maps"
                        + " that kept families away for decades, and the bodies that carry the war on. Curated by"
                        + " Çinarə Hüseynova.",
                0,
                true,
                List.of(new ExhibitionSeed.Opening(now, event.closesAt())));
        seed.openedBy(hall, walkThrough);
        long archive = seed.gallery(
                event,
                "Archive: letters home",
                "Letters, survey notes and photographs from deminers' families, for registered participants.",
                1,
                false,
                List.of(new ExhibitionSeed.Opening(
                        day1.atTime(10, 0).atZone(ZONE).toInstant(),
                        day1.atTime(18, 0).atZone(ZONE).toInstant())));
        long field = seed.work(
                event,
                hall,
                0,
                new ExhibitionSeed.WorkFields(
                        "Field after clearance",
                        "Elçin Şükürov",
                        2025,
                        "Oil on canvas",
                        "120 × 80 cm",
                        "Rolling farmland under a low sky, crossed by the marker stakes a clearance team left behind.",
                        "Courtesy of the artist",
                        null));
        seed.image(
                event,
                field,
                "Green rolling fields under a pale sky, crossed by a row of red-and-white marker stakes.",
                DemoArtworks.fieldAfterClearance());
        long map = seed.work(
                event,
                hall,
                1,
                new ExhibitionSeed.WorkFields(
                        "Map of absences",
                        "Leyla Qasımova",
                        2024,
                        "Pigment print",
                        "100 × 66 cm",
                        "A survey grid of a border district: pale squares released, brown squares suspected, black"
                                + " squares still unknown, with a river running through.",
                        "Qarabağ Contemporary Art Space",
                        null));
        seed.image(
                event,
                map,
                "A grid of squares in cream, brown and black, a blue river winding across it.",
                DemoArtworks.mapOfAbsences());
        long soil = seed.work(
                event,
                hall,
                2,
                new ExhibitionSeed.WorkFields(
                        "Soil, layered",
                        "Elçin Şükürov",
                        2023,
                        "Soil and resin on board",
                        "60 × 40 cm",
                        "Strata of soil, one for each year the land could not be farmed.",
                        null,
                        null));
        seed.image(
                event,
                soil,
                "Horizontal bands of brown soil in many shades, scattered with small yellow dots.",
                DemoArtworks.soilLayered());
        long steps = seed.work(
                event,
                hall,
                3,
                new ExhibitionSeed.WorkFields(
                        "Steps counted",
                        "Nərmin Əliyeva",
                        2026,
                        "Digital drawing",
                        "Variable",
                        "The outline of a prosthetic leg, drawn again each day of a survivor's rehabilitation.",
                        "With thanks to the survivors' association",
                        "Refers to injuries caused by landmines."));
        seed.image(
                event,
                steps,
                "White outlines of a prosthetic leg repeated across a dark blue ground, each fainter than the last.",
                DemoArtworks.stepsCounted());
        long letters = seed.work(
                event,
                archive,
                0,
                new ExhibitionSeed.WorkFields(
                        "Letters home",
                        "Collective",
                        2025,
                        "Scanned letters",
                        null,
                        "Letters from deminers to their families.",
                        null,
                        null));
        seed.image(
                event,
                letters,
                "A map grid in cream and brown squares, standing in for the scanned letters.",
                DemoArtworks.mapOfAbsences());
    }

    private static ConferenceSession session(
            Event event,
            LocalDate day,
            String start,
            String end,
            String title,
            ConferenceSession.Type type,
            String language,
            Track track,
            Venue room,
            Map<Speaker, SessionSpeaker.Role> speakers) {
        ConferenceSession s = newSession(
                event,
                title,
                type,
                language,
                track,
                room,
                day.atTime(LocalTime.parse(start)).atZone(ZONE).toInstant(),
                day.atTime(LocalTime.parse(end)).atZone(ZONE).toInstant());
        s.persist();
        int position = 0;
        for (Speaker speaker : speakers.keySet().stream()
                .sorted((a, b) -> roleOrder(speakers.get(a)) != roleOrder(speakers.get(b))
                        ? Integer.compare(roleOrder(speakers.get(a)), roleOrder(speakers.get(b)))
                        : a.name.compareTo(b.name))
                .toList()) {
            SessionSpeaker link = new SessionSpeaker();
            link.session = s;
            link.speaker = speaker;
            link.role = speakers.get(speaker);
            link.position = position++;
            link.persist();
        }
        return s;
    }

    /** Moderators first, then speakers; by name within a role. */
    private static int roleOrder(SessionSpeaker.Role role) {
        return role == SessionSpeaker.Role.MODERATOR ? 0 : 1;
    }

    private static ConferenceSession newSession(
            Event event,
            String title,
            ConferenceSession.Type type,
            String language,
            Track track,
            Venue room,
            Instant start,
            Instant end) {
        ConferenceSession s = new ConferenceSession();
        s.event = event;
        s.title = title;
        s.type = type;
        s.language = language;
        s.track = track;
        s.venue = room;
        s.reschedule(start, end);
        s.createdAt = event.createdAt;
        s.updatedAt = event.createdAt;
        return s;
    }
}
