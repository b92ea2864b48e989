package org.atrium.event;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** An event as clients see it. {@code organisers} is only filled for the event's organisers. */
public record EventView(
        long id,
        String slug,
        String title,
        String description,
        String timeZone,
        String timeZoneOffset,
        LocalDate firstDay,
        LocalDate lastDay,
        Event.Status status,
        Event.Visibility visibility,
        List<String> organisers,
        boolean organiser,
        long version) {

    static EventView of(Event e, boolean forOrganiser) {
        ZoneId zone = e.zone();
        String offset = zone.getRules().getOffset(e.opensAt()).getId();
        return new EventView(
                e.id,
                e.slug,
                e.title,
                e.description,
                e.timeZone,
                offset.equals("Z") ? "+00:00" : offset,
                e.firstDay,
                e.lastDay,
                e.status,
                e.visibility,
                forOrganiser ? List.copyOf(e.organisers) : null,
                forOrganiser,
                e.version);
    }
}
