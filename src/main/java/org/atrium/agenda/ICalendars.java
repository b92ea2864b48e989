package org.atrium.agenda;

import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.text.ICalWriter;
import biweekly.property.Status;
import biweekly.util.Duration;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.atrium.exhibition.GalleryOpenings;
import org.atrium.timezone.LocalTimes;

/**
 * iCalendar (RFC 5545) feeds written with biweekly: one VEVENT per session with a stable UID
 * ({@code session-<id>@<event-slug>.atrium}), SEQUENCE = the session's schedule revision, STATUS:CANCELLED for
 * cancelled sessions (kept so that calendars remove them), times in UTC and a URL to the session's live room.
 *
 * <p>biweekly folds at 75 characters; RFC 5545 section 3.1 counts octets, so a line of Cyrillic or Azerbaijani
 * text folded by characters can be twice too long. Atrium therefore writes unfolded and folds with {@link #fold}.
 */
final class ICalendars {

    static final String MEDIA_TYPE = "text/calendar;charset=utf-8";
    static final int MAX_OCTETS = 75;

    private static final DateTimeFormatter EVENT_LOCAL =
            DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);

    private ICalendars() {}

    /** What a feed says about itself. */
    record Feed(String name, String description, ZoneId zone) {}

    /** Where a session's live room is, in the browser UI. */
    static String liveRoom(String baseUrl, Slot s) {
        return baseUrl + "/events/" + s.eventSlug() + "/sessions/" + s.id();
    }

    static String uid(Slot s) {
        return "session-" + s.id() + "@" + s.eventSlug() + ".atrium";
    }

    /** The feed as RFC 5545 text, CRLF line ends, folded at 75 octets. {@code zones} maps slots to event zones. */
    static String write(Feed feed, List<Slot> slots, String baseUrl) {
        return write(feed, slots, List.of(), baseUrl);
    }

    /** The same, with the opening hours of the event's exhibition galleries as events of their own. */
    static String write(Feed feed, List<Slot> slots, List<GalleryOpenings.Opening> openings, String baseUrl) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//Atrium//Atrium conference schedule//EN");
        ical.setName(feed.name());
        ical.setExperimentalProperty("X-WR-CALNAME", feed.name());
        if (feed.description() != null) {
            ical.setDescription(feed.description());
            ical.setExperimentalProperty("X-WR-CALDESC", feed.description());
        }
        if (feed.zone() != null) {
            ical.setExperimentalProperty("X-WR-TIMEZONE", feed.zone().getId());
        }
        ical.setRefreshInterval(new Duration.Builder().hours(1).build());
        ical.setExperimentalProperty("X-PUBLISHED-TTL", "PT1H");
        for (Slot s : slots) {
            ical.addEvent(event(s, baseUrl));
        }
        for (GalleryOpenings.Opening o : openings) {
            ical.addEvent(opening(o, baseUrl));
        }
        StringWriter out = new StringWriter();
        try (ICalWriter writer = new ICalWriter(out, ICalVersion.V2_0)) {
            writer.getVObjectWriter().getFoldedLineWriter().setLineLength(null);
            writer.write(ical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fold(out.toString());
    }

    /**
     * One session as an iTIP message (RFC 5546) for e-mail: METHOD:REQUEST, or METHOD:CANCEL when the session is
     * cancelled, with the feed's VEVENT (same UID and SEQUENCE) and the sender as ORGANIZER.
     */
    static String invitation(Slot s, String baseUrl, String organiser) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//Atrium//Atrium conference schedule//EN");
        ical.setMethod(s.cancelled() ? biweekly.property.Method.cancel() : biweekly.property.Method.request());
        VEvent e = event(s, baseUrl);
        e.setOrganizer(new biweekly.property.Organizer(null, organiser));
        ical.addEvent(e);
        StringWriter out = new StringWriter();
        try (ICalWriter writer = new ICalWriter(out, ICalVersion.V2_0)) {
            writer.getVObjectWriter().getFoldedLineWriter().setLineLength(null);
            writer.write(ical);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return fold(out.toString());
    }

    private static VEvent event(Slot s, String baseUrl) {
        VEvent e = new VEvent();
        e.setUid(uid(s));
        e.setSequence(s.revision());
        e.setDateTimeStamp(Date.from(s.updatedAt()));
        e.setCreated(Date.from(s.createdAt()));
        e.setLastModified(Date.from(s.updatedAt()));
        e.setDateStart(Date.from(s.start()), true);
        e.setDateEnd(Date.from(s.end()), true);
        e.setSummary(s.title());
        e.setDescription(description(s, baseUrl));
        if (s.room() != null) {
            e.setLocation(s.room());
        }
        if (s.track() != null) {
            e.addCategories(s.track());
        }
        // once recorded, the calendar entry leads to the recording (the session page stays in the description)
        e.setUrl(s.recording() != null ? s.recording() : liveRoom(baseUrl, s));
        e.setStatus(s.cancelled() ? Status.cancelled() : Status.confirmed());
        return e;
    }

    /** Where a gallery is, in the browser UI. */
    static String gallery(String baseUrl, GalleryOpenings.Opening o) {
        return gallery(baseUrl, o.eventSlug(), o.galleryId());
    }

    /** Where a gallery is, in the browser UI. */
    static String gallery(String baseUrl, String eventSlug, long galleryId) {
        return baseUrl + "/events/" + eventSlug + "/galleries/" + galleryId;
    }

    /** A gallery's opening: "Main hall (exhibition open)", its statement, the event's clock and the gallery's page. */
    private static VEvent opening(GalleryOpenings.Opening o, String baseUrl) {
        VEvent e = new VEvent();
        e.setUid("gallery-" + o.galleryId() + "-" + o.opens().getEpochSecond() + "@" + o.eventSlug() + ".atrium");
        e.setDateTimeStamp(Date.from(o.opens()));
        e.setDateStart(Date.from(o.opens()), true);
        e.setDateEnd(Date.from(o.closes()), true);
        e.setSummary(o.gallery() + " (exhibition open)");
        StringBuilder text = new StringBuilder();
        if (o.statement() != null && !o.statement().isBlank()) {
            text.append(o.statement().strip()).append("\n\n");
        }
        ZoneId zone = o.eventZone();
        text.append("Event time: ")
                .append(EVENT_LOCAL.format(LocalTimes.at(o.opens(), zone)))
                .append(" to ")
                .append(EVENT_LOCAL.format(LocalTimes.at(o.closes(), zone)))
                .append(" (")
                .append(zone.getId())
                .append(")\n");
        if (o.registeredOnly()) {
            text.append("For registered participants.\n");
        }
        text.append("Gallery: ").append(gallery(baseUrl, o));
        e.setDescription(text.toString());
        e.setLocation(o.gallery());
        e.addCategories("Exhibition");
        e.setUrl(gallery(baseUrl, o));
        e.setStatus(Status.confirmed());
        return e;
    }

    private static String description(Slot s, String baseUrl) {
        ZoneId eventZone = s.eventZone();
        StringBuilder text = new StringBuilder();
        if (s.cancelled()) {
            text.append("CANCELLED\n\n");
        }
        if (s.summary() != null && !s.summary().isBlank()) {
            text.append(s.summary().strip()).append("\n\n");
        }
        if (!s.persons().isEmpty()) {
            text.append("Speakers: ")
                    .append(String.join(
                            ", ", s.persons().stream().map(Slot.Person::name).toList()))
                    .append('\n');
        }
        text.append("Event time: ")
                .append(EVENT_LOCAL.format(LocalTimes.at(s.start(), eventZone)))
                .append('-')
                .append(DateTimeFormatter.ofPattern("HH:mm").format(LocalTimes.at(s.end(), eventZone)))
                .append(" (")
                .append(eventZone.getId())
                .append(")\n");
        text.append("Live room: ").append(liveRoom(baseUrl, s));
        if (s.recording() != null) {
            text.append("\nRecording: ").append(s.recording());
        }
        if (s.gallery() != null) {
            text.append("\nGallery: ")
                    .append(s.gallery().name())
                    .append(" ")
                    .append(gallery(baseUrl, s.eventSlug(), s.gallery().id()));
        }
        return text.toString();
    }

    /**
     * Folds every content line longer than 75 octets (RFC 5545 section 3.1): CRLF followed by one space, never inside a
     * UTF-8 sequence (folding happens between code points). Lines must end with CRLF.
     */
    static String fold(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 40);
        for (String line : unfolded.split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            int limit = MAX_OCTETS;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int size = utf8Length(cp);
                if (octets + size > limit) {
                    out.append("\r\n ");
                    octets = 0;
                    limit = MAX_OCTETS - 1; // the leading space counts
                }
                out.appendCodePoint(cp);
                octets += size;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    static byte[] bytes(String ics) {
        return ics.getBytes(StandardCharsets.UTF_8);
    }
}
