package org.atrium.agenda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.atrium.timezone.LocalTimes;

/**
 * The frab/pentabarf schedule that conference apps read (Giggity, EventFahrplan, ConfClerk), as {@code schedule.xml}
 * and {@code schedule.json} (the voc/schedule formats). Days are the event's calendar days, split at local midnight in
 * the event's zone; times are event-local with their offset; {@code guid}s are name-based UUIDs of the session, so
 * they never change; cancelled sessions are left out, as frab does.
 */
final class FrabSchedule {

    static final String GENERATOR = "Atrium";
    static final String UNASSIGNED_ROOM = "Programme";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** ISO 8601 with seconds and a numeric offset: xs:dateTime and JSON date-time both need the seconds. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private static final Pattern TZ_NAME = Pattern.compile("^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$");

    private FrabSchedule() {}

    record Conference(
            String slug, String title, String description, ZoneId zone, LocalDate firstDay, LocalDate lastDay) {}

    record Day(int index, LocalDate date, OffsetDateTime start, OffsetDateTime end, Map<String, List<Entry>> rooms) {}

    record Entry(
            long id,
            String guid,
            String slug,
            String title,
            String type,
            String abstractText,
            String track,
            String language,
            String room,
            OffsetDateTime date,
            OffsetDateTime end,
            String start,
            String duration,
            String url,
            List<Person> persons,
            String recording,
            Link gallery) {

        /** The entry's links: its recording ({@code media}) and the gallery it opens ({@code related}). */
        List<Link> links() {
            List<Link> links = new ArrayList<>();
            if (recording != null) {
                links.add(new Link("media", recording, "Recording"));
            }
            if (gallery != null) {
                links.add(gallery);
            }
            return links;
        }
    }

    @JsonPropertyOrder({"id", "guid", "name"})
    record Person(long id, String guid, String name) {}

    @JsonPropertyOrder({"name", "guid"})
    record Room(String name, String guid) {}

    record Model(Conference conference, String version, String baseUrl, List<Room> rooms, List<Day> days) {
        String acronym() {
            return acronymOf(conference.slug());
        }
    }

    static Model build(Conference c, List<Slot> slots, String baseUrl) {
        ZoneId zone = c.zone();
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (LocalDate d = c.firstDay(); !d.isAfter(c.lastDay()); d = d.plusDays(1)) {
            dates.add(d);
        }
        List<Slot> scheduled = slots.stream()
                .filter(s -> !s.cancelled())
                .sorted(Comparator.comparing(Slot::start).thenComparing(Slot::id))
                .toList();
        scheduled.forEach(s -> dates.add(LocalTimes.at(s.start(), zone).toLocalDate()));
        Map<String, Room> rooms = new LinkedHashMap<>();
        scheduled.stream()
                .sorted(Comparator.comparing(s -> roomName(s)))
                .forEach(s -> rooms.computeIfAbsent(
                        roomName(s),
                        name -> new Room(
                                name,
                                uuid(
                                        s.roomId() == null
                                                ? "room-none@" + c.slug() + ".atrium"
                                                : "room-" + s.roomId() + "@" + c.slug() + ".atrium"))));
        List<Day> days = new ArrayList<>();
        int index = 1;
        Instant latest = Instant.EPOCH;
        for (LocalDate date : dates) {
            Map<String, List<Entry>> byRoom = new LinkedHashMap<>();
            for (Slot s : scheduled) {
                if (s.updatedAt().isAfter(latest)) {
                    latest = s.updatedAt();
                }
                if (LocalTimes.at(s.start(), zone).toLocalDate().equals(date)) {
                    byRoom.computeIfAbsent(roomName(s), r -> new ArrayList<>()).add(entry(c, s, baseUrl));
                }
            }
            Map<String, List<Entry>> ordered = new LinkedHashMap<>();
            rooms.keySet().forEach(r -> {
                if (byRoom.containsKey(r)) {
                    ordered.put(r, byRoom.get(r));
                }
            });
            days.add(new Day(
                    index++,
                    date,
                    date.atStartOfDay(zone).toOffsetDateTime(),
                    date.plusDays(1).atStartOfDay(zone).toOffsetDateTime(),
                    ordered));
        }
        String version = scheduled.isEmpty() ? "0" : scheduled.size() + "-" + latest.getEpochSecond();
        return new Model(c, version, baseUrl, List.copyOf(rooms.values()), days);
    }

    private static Entry entry(Conference c, Slot s, String baseUrl) {
        OffsetDateTime start = LocalTimes.at(s.start(), c.zone());
        long minutes = s.duration().toMinutes();
        return new Entry(
                s.id(),
                uuid(ICalendars.uid(s)),
                acronymOf(c.slug()) + "-" + s.id() + "-" + titleSlug(s.title()),
                s.title(),
                s.type().toLowerCase(Locale.ROOT),
                s.summary(),
                s.track(),
                s.language(),
                roomName(s),
                start,
                LocalTimes.at(s.end(), c.zone()),
                HH_MM.format(start),
                String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60),
                ICalendars.liveRoom(baseUrl, s),
                s.persons().stream()
                        .map(p -> new Person(p.id(), uuid("speaker-" + p.id() + "@" + c.slug() + ".atrium"), p.name()))
                        .toList(),
                s.recording(),
                s.gallery() == null
                        ? null
                        : new Link(
                                "related",
                                ICalendars.gallery(
                                        baseUrl, c.slug(), s.gallery().id()),
                                "Gallery: " + s.gallery().name()));
    }

    private static String roomName(Slot s) {
        return s.room() == null ? UNASSIGNED_ROOM : s.room();
    }

    /** A stable name-based (type 3) UUID. */
    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** frab acronyms allow no hyphen after the first character: {@code mine-2027} becomes {@code mine_2027}. */
    static String acronymOf(String slug) {
        StringBuilder a = new StringBuilder(slug.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        while (a.length() < 4) {
            a.append('_');
        }
        return a.toString();
    }

    /** ASCII slug of a title in any script (Azerbaijani, French, Cyrillic transliterated; other letters dropped). */
    static String titleSlug(String title) {
        StringBuilder ascii = new StringBuilder();
        String decomposed = Normalizer.normalize(title.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            ascii.append(transliterate(cp));
        }
        String slug = ascii.toString().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.length() < 2 ? "session" : slug;
    }

    private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ";
    private static final String[] LATIN = {
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
        "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i", "ye", "g"
    };

    private static String transliterate(int cp) {
        int cyr = CYRILLIC.indexOf(cp);
        if (cyr >= 0) {
            return LATIN[cyr];
        }
        return switch (cp) {
            case 'ə' -> "e";
            case 'ı' -> "i";
            case 'ß' -> "ss";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'ø' -> "o";
            case 'ł' -> "l";
            case 'đ' -> "d";
            default -> cp < 0x80 ? String.valueOf((char) cp) : " ";
        };
    }

    /** {@code schedule.xml} (frab/pentabarf). */
    static String xml(Model m) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("schedule");
            nl(x, 1);
            x.writeEmptyElement("generator");
            x.writeAttribute("name", GENERATOR);
            nl(x, 1);
            text(x, "version", m.version());
            nl(x, 1);
            x.writeStartElement("conference");
            Conference c = m.conference();
            nl(x, 2);
            text(x, "acronym", m.acronym());
            nl(x, 2);
            text(x, "title", c.title());
            nl(x, 2);
            text(x, "start", c.firstDay().toString());
            nl(x, 2);
            text(x, "end", c.lastDay().toString());
            nl(x, 2);
            text(x, "days", String.valueOf(m.days().size()));
            nl(x, 2);
            text(x, "timeslot_duration", "00:05");
            nl(x, 2);
            text(x, "base_url", m.baseUrl() + "/");
            nl(x, 2);
            text(x, "url", m.baseUrl() + "/events/" + c.slug());
            nl(x, 2);
            text(x, "time_zone_name", c.zone().getId());
            nl(x, 1);
            x.writeEndElement();
            for (Day day : m.days()) {
                nl(x, 1);
                x.writeStartElement("day");
                x.writeAttribute("index", String.valueOf(day.index()));
                x.writeAttribute("date", day.date().toString());
                x.writeAttribute("start", DATE_TIME.format(day.start()));
                x.writeAttribute("end", DATE_TIME.format(day.end()));
                for (Map.Entry<String, List<Entry>> room : day.rooms().entrySet()) {
                    nl(x, 2);
                    x.writeStartElement("room");
                    x.writeAttribute("name", room.getKey());
                    x.writeAttribute("guid", guidOf(m, room.getKey()));
                    for (Entry e : room.getValue()) {
                        nl(x, 3);
                        event(x, e);
                    }
                    nl(x, 2);
                    x.writeEndElement();
                }
                nl(x, 1);
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write schedule.xml", e);
        }
        return out.toString();
    }

    private static void event(XMLStreamWriter x, Entry e) throws XMLStreamException {
        x.writeStartElement("event");
        x.writeAttribute("id", String.valueOf(e.id()));
        x.writeAttribute("guid", e.guid());
        nl(x, 4);
        text(x, "date", DATE_TIME.format(e.date()));
        nl(x, 4);
        text(x, "start", e.start());
        nl(x, 4);
        text(x, "duration", e.duration());
        nl(x, 4);
        text(x, "room", e.room());
        nl(x, 4);
        text(x, "slug", e.slug());
        nl(x, 4);
        text(x, "url", e.url());
        nl(x, 4);
        text(x, "title", e.title());
        nl(x, 4);
        text(x, "subtitle", "");
        nl(x, 4);
        text(x, "track", e.track() == null ? "" : e.track());
        nl(x, 4);
        text(x, "type", e.type());
        if (e.language() != null) {
            nl(x, 4);
            text(x, "language", e.language());
        }
        nl(x, 4);
        text(x, "abstract", e.abstractText() == null ? "" : e.abstractText());
        nl(x, 4);
        text(x, "description", "");
        nl(x, 4);
        x.writeStartElement("persons");
        for (Person p : e.persons()) {
            nl(x, 5);
            x.writeStartElement("person");
            x.writeAttribute("id", String.valueOf(p.id()));
            x.writeAttribute("guid", p.guid());
            x.writeCharacters(p.name());
            x.writeEndElement();
        }
        if (!e.persons().isEmpty()) {
            nl(x, 4);
        }
        x.writeEndElement();
        nl(x, 4);
        if (e.recording() != null) {
            // the recording: where to watch it (<recording><link>) and, for apps that read links, a media link
            x.writeStartElement("recording");
            nl(x, 5);
            text(x, "license", "");
            nl(x, 5);
            text(x, "optout", "false");
            nl(x, 5);
            text(x, "link", e.recording());
            nl(x, 4);
            x.writeEndElement();
            nl(x, 4);
        }
        List<Link> links = e.links();
        if (links.isEmpty()) {
            x.writeEmptyElement("links");
        } else {
            // for apps that read links: the recording as a media link, the gallery the session opens as related
            x.writeStartElement("links");
            for (Link link : links) {
                nl(x, 5);
                x.writeStartElement("link");
                x.writeAttribute("href", link.url());
                x.writeAttribute("type", link.type());
                x.writeCharacters(link.title());
                x.writeEndElement();
            }
            nl(x, 4);
            x.writeEndElement();
        }
        nl(x, 4);
        x.writeEmptyElement("attachments");
        nl(x, 3);
        x.writeEndElement();
    }

    /** {@code schedule.json} (voc/schedule JSON): the records below, written by Jackson in their declared order. */
    static ScheduleJson json(Model m) {
        Conference c = m.conference();
        List<DayJson> days = m.days().stream()
                .map(day -> {
                    Map<String, List<EventJson>> rooms = new LinkedHashMap<>();
                    day.rooms()
                            .forEach((room, entries) -> rooms.put(
                                    room, entries.stream().map(EventJson::of).toList()));
                    return new DayJson(
                            day.index() - 1,
                            day.date().toString(),
                            DATE_TIME.format(day.start()),
                            DATE_TIME.format(day.end()),
                            rooms);
                })
                .toList();
        ConferenceJson conference = new ConferenceJson(
                m.acronym(),
                c.title(),
                c.description(),
                c.firstDay().toString(),
                c.lastDay().toString(),
                m.days().size(),
                "00:05",
                TZ_NAME.matcher(c.zone().getId()).find() ? c.zone().getId() : null,
                m.baseUrl() + "/events/" + c.slug(),
                m.rooms(),
                days);
        return new ScheduleJson(
                "https://c3voc.de/schedule/schema.json",
                new Generator(GENERATOR),
                new ScheduleBody(m.version(), m.baseUrl() + "/", conference));
    }

    /*
     * The JSON document, field for field as the voc/schedule JSON schema names and orders them. Field names are a public
     * contract read by conference apps: change them only with the schema.
     */

    @JsonPropertyOrder({"$schema", "generator", "schedule"})
    record ScheduleJson(@JsonProperty("$schema") String schema, Generator generator, ScheduleBody schedule) {}

    record Generator(String name) {}

    @JsonPropertyOrder({"version", "base_url", "conference"})
    record ScheduleBody(
            String version, @JsonProperty("base_url") String baseUrl, ConferenceJson conference) {}

    @JsonPropertyOrder({
        "acronym",
        "title",
        "description",
        "start",
        "end",
        "daysCount",
        "timeslot_duration",
        "time_zone_name",
        "url",
        "rooms",
        "days"
    })
    record ConferenceJson(
            String acronym,
            String title,
            @JsonInclude(JsonInclude.Include.NON_NULL) String description,
            String start,
            String end,
            int daysCount,
            @JsonProperty("timeslot_duration") String timeslotDuration,

            @JsonProperty("time_zone_name") @JsonInclude(JsonInclude.Include.NON_NULL)
            String timeZoneName,

            String url,
            List<Room> rooms,
            List<DayJson> days) {}

    @JsonPropertyOrder({"index", "date", "day_start", "day_end", "rooms"})
    record DayJson(
            int index,
            String date,
            @JsonProperty("day_start") String dayStart,
            @JsonProperty("day_end") String dayEnd,
            Map<String, List<EventJson>> rooms) {}

    /** One session; {@code subtitle} and {@code description} are always null (Atrium has a summary only). */
    @JsonPropertyOrder({
        "guid",
        "id",
        "date",
        "start",
        "end",
        "duration",
        "room",
        "slug",
        "url",
        "title",
        "subtitle",
        "track",
        "type",
        "language",
        "abstract",
        "description",
        "persons",
        "links"
    })
    record EventJson(
            String guid,
            long id,
            String date,
            String start,
            String end,
            String duration,
            String room,
            String slug,
            String url,
            String title,
            String subtitle,
            String track,
            String type,
            String language,
            @JsonProperty("abstract") String abstractText,
            String description,
            List<Person> persons,
            List<Link> links) {

        static EventJson of(Entry e) {
            return new EventJson(
                    e.guid(),
                    e.id(),
                    DATE_TIME.format(e.date()),
                    e.start(),
                    DATE_TIME.format(e.end()),
                    e.duration(),
                    e.room(),
                    e.slug(),
                    e.url(),
                    e.title(),
                    null,
                    e.track(),
                    e.type(),
                    e.language(),
                    e.abstractText(),
                    null,
                    e.persons(),
                    e.links());
        }
    }

    /** A link of an event (voc/schedule's Reference): the recording as {@code media}, its gallery as {@code related}. */
    @JsonPropertyOrder({"type", "url", "title"})
    record Link(String type, String url, String title) {}

    private static String guidOf(Model m, String roomName) {
        return m.rooms().stream()
                .filter(r -> r.name().equals(roomName))
                .findFirst()
                .orElseThrow()
                .guid();
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }
}
