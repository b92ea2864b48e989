package org.atrium.agenda;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.atrium.exhibition.GalleryOpenings;

/**
 * A session as the agenda views and feeds read it: plain data, loaded once per request, so that the builders of
 * programmes, calendars and frab exports stay pure and testable without a database.
 */
record Slot(
        long id,
        String eventSlug,
        java.time.ZoneId eventZone,
        String title,
        String summary,
        String type,
        String language,
        Long roomId,
        String room,
        String track,
        String trackColour,
        Instant start,
        Instant end,
        boolean cancelled,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        List<Person> persons,
        String recording,
        GalleryOpenings.GalleryLink gallery) {

    /** A slot without a recording or a gallery (what most sessions are, and the tests' shorthand). */
    Slot(
            long id,
            String eventSlug,
            java.time.ZoneId eventZone,
            String title,
            String summary,
            String type,
            String language,
            Long roomId,
            String room,
            String track,
            String trackColour,
            Instant start,
            Instant end,
            boolean cancelled,
            int revision,
            Instant createdAt,
            Instant updatedAt,
            List<Person> persons) {
        this(
                id,
                eventSlug,
                eventZone,
                title,
                summary,
                type,
                language,
                roomId,
                room,
                track,
                trackColour,
                start,
                end,
                cancelled,
                revision,
                createdAt,
                updatedAt,
                persons,
                null,
                null);
    }

    record Person(long id, String name, String role) {}

    Duration duration() {
        return Duration.between(start, end);
    }
}
