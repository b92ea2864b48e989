package org.atrium.event;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.atrium.security.Person;

/**
 * An event as clients see it. {@code organisers} is only filled for the event's organisers: people by name (and
 * e-mail), with the subject that the organiser endpoints take. {@code logoUrl} and {@code accentColour} are the event's
 * visual identity (null when the organisers set none; see {@code BrandingResource}).
 */
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
        List<OrganiserView> organisers,
        boolean organiser,
        String logoUrl,
        String accentColour,
        long version) {

    /** A co-organiser; {@code name} is null for an account that has not signed in yet. */
    public record OrganiserView(String subject, String name, String email) {}

    /** {@code people} holds (at least) the event's organisers when {@code forOrganiser}. */
    static EventView of(Event e, boolean forOrganiser, Map<String, Person> people) {
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
                forOrganiser
                        ? e.organisers.stream()
                                .map(s -> people.getOrDefault(s, new Person(s, null, null)))
                                .map(p -> new OrganiserView(p.subject(), p.name(), p.email()))
                                .toList()
                        : null,
                forOrganiser,
                e.logoImageId == null ? null : "/api/events/" + e.slug + "/logo?v=" + e.logoImageId,
                e.accentColour,
                e.version);
    }
}
