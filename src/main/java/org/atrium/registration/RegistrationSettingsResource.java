package org.atrium.registration;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Registration.State;

/** How an event takes registrations: readable by anyone who sees the event, changed by its organisers. */
@Path("/api/events/{slug}/registration-settings")
class RegistrationSettingsResource {

    @Inject
    Events events;

    @Inject
    Registrations registrations;

    @GET
    @PermitAll
    @Transactional
    public SettingsView get(@PathParam("slug") String slug) {
        Event event = events.visible(slug);
        RegistrationSettings settings = RegistrationSettings.<RegistrationSettings>find("event.id", event.id)
                .firstResultOptional()
                .orElseGet(RegistrationSettings::new);
        return view(event, settings);
    }

    @PUT
    @Authenticated
    public SettingsView update(@PathParam("slug") String slug, @Valid @NotNull SettingsForm form) {
        Event event = events.organised(slug);
        Instant deadline = deadline(event, form.deadline());
        RegistrationSettings settings =
                registrations.configure(event, form.open(), deadline, form.capacity(), form.mode(), form.version());
        return view(event, settings);
    }

    @Transactional
    SettingsView view(Event event, RegistrationSettings settings) {
        return SettingsView.of(
                event,
                settings,
                Registrations.count(event.id, State.CONFIRMED),
                Registrations.count(event.id, State.WAITLISTED));
    }

    /**
     * A deadline with an offset or Z is taken as given; a local date-time is read in the event's zone (in a DST
     * overlap the earlier offset, in a gap the time after the gap).
     */
    static Instant deadline(Event event, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t).atZone(event.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw DomainException.invalid(
                        "registration.deadline-invalid",
                        "The deadline must be a date-time such as 2027-05-01T18:00 (in the event's zone) or"
                                + " 2027-05-01T18:00+04:00.");
            }
        }
    }
}
