package org.atrium.agenda;

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
            List<Person> persons) {}

    record Person(long id, String guid, String name) {}

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
                        .toList());
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
        x.writeEmptyElement("links");
        nl(x, 4);
        x.writeEmptyElement("attachments");
        nl(x, 3);
        x.writeEndElement();
    }

    /** {@code schedule.json} (voc/schedule JSON). */
    static Map<String, Object> json(Model m) {
        Conference c = m.conference();
        Map<String, Object> conference = new LinkedHashMap<>();
        conference.put("acronym", m.acronym());
        conference.put("title", c.title());
        if (c.description() != null) {
            conference.put("description", c.description());
        }
        conference.put("start", c.firstDay().toString());
        conference.put("end", c.lastDay().toString());
        conference.put("daysCount", m.days().size());
        conference.put("timeslot_duration", "00:05");
        if (TZ_NAME.matcher(c.zone().getId()).find()) {
            conference.put("time_zone_name", c.zone().getId());
        }
        conference.put("url", m.baseUrl() + "/events/" + c.slug());
        conference.put(
                "rooms",
                m.rooms().stream()
                        .map(r -> {
                            Map<String, Object> room = new LinkedHashMap<>();
                            room.put("name", r.name());
                            room.put("guid", r.guid());
                            return room;
                        })
                        .toList());
        List<Object> days = new ArrayList<>();
        for (Day day : m.days()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("index", day.index() - 1);
            d.put("date", day.date().toString());
            d.put("day_start", DATE_TIME.format(day.start()));
            d.put("day_end", DATE_TIME.format(day.end()));
            Map<String, Object> rooms = new LinkedHashMap<>();
            day.rooms()
                    .forEach((room, entries) -> rooms.put(
                            room, entries.stream().map(FrabSchedule::jsonEvent).toList()));
            d.put("rooms", rooms);
            days.add(d);
        }
        conference.put("days", days);
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("version", m.version());
        schedule.put("base_url", m.baseUrl() + "/");
        schedule.put("conference", conference);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://c3voc.de/schedule/schema.json");
        root.put("generator", Map.of("name", GENERATOR));
        root.put("schedule", schedule);
        return root;
    }

    private static Map<String, Object> jsonEvent(Entry e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("guid", e.guid());
        j.put("id", e.id());
        j.put("date", DATE_TIME.format(e.date()));
        j.put("start", e.start());
        j.put("end", DATE_TIME.format(e.end()));
        j.put("duration", e.duration());
        j.put("room", e.room());
        j.put("slug", e.slug());
        j.put("url", e.url());
        j.put("title", e.title());
        j.put("subtitle", null);
        j.put("track", e.track());
        j.put("type", e.type());
        j.put("language", e.language());
        j.put("abstract", e.abstractText());
        j.put("description", null);
        j.put(
                "persons",
                e.persons().stream()
                        .map(p -> {
                            Map<String, Object> person = new LinkedHashMap<>();
                            person.put("id", p.id());
                            person.put("guid", p.guid());
                            person.put("name", p.name());
                            return person;
                        })
                        .toList());
        j.put("links", List.of());
        return j;
    }

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
