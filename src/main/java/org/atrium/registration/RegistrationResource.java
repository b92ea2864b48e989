package org.atrium.registration;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.security.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's own registration for an event: register (idempotent), read, cancel. */
@Path("/api/events/{slug}/registration")
class RegistrationResource {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Inject
    Registrations registrations;

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    EntityManager em;

    /**
     * 201 with the new registration (CONFIRMED, WAITLISTED or PENDING), or 200 with the caller's existing active
     * registration when they are already registered: a double click or a retry never makes a second one.
     */
    @POST
    @Authenticated
    @APIResponse(
            responseCode = "201",
            description = "Registered",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Already registered: the existing registration",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RegistrationView.class)))
    public Response register(@PathParam("slug") String slug, @Valid RegistrationForm body) {
        RegistrationForm form = body == null ? RegistrationForm.EMPTY : body;
        String subject = user.requireSubject();
        Registrations.Profile profile = profile(form);
        Registrations.Outcome outcome;
        try {
            outcome = registrations.register(slug, subject, profile);
        } catch (PersistenceException e) {
            // The settings lock serialises registrations of an event, so the unique (event, subject) key can only
            // trip if something bypassed it; the other transaction has committed the registration: return it.
            if (!isDuplicateRegistration(e)) {
                throw e;
            }
            outcome = registrations.register(slug, subject, profile);
        }
        return Response.status(outcome.created() ? 201 : 200)
                .header("Location", "/api/events/" + slug + "/registration")
                .entity(view(outcome.registration(), slug))
                .build();
    }

    @GET
    @Authenticated
    @Transactional
    public RegistrationView mine(@PathParam("slug") String slug) {
        Event event = events.visible(slug);
        Registration r = Registrations.find(event.id, user.requireSubject(), jakarta.persistence.LockModeType.NONE);
        if (r == null) {
            throw DomainException.notFound("registration");
        }
        return view(r, slug);
    }

    @DELETE
    @Authenticated
    public RegistrationView cancel(@PathParam("slug") String slug) {
        Registration r = registrations.cancelOwn(slug, user.requireSubject());
        return view(r, slug);
    }

    @Transactional
    RegistrationView view(Registration r, String slug) {
        return RegistrationView.of(r, slug, Waitlists.position(em, r));
    }

    private Registrations.Profile profile(RegistrationForm form) {
        String country = form.country() == null || form.country().isBlank()
                ? null
                : form.country().trim().toUpperCase(Locale.ROOT);
        if (country != null && !COUNTRIES.contains(country)) {
            throw DomainException.invalid(
                    "registration.country-unknown", "Unknown country code '" + form.country() + "'.");
        }
        String name = form.displayName() == null || form.displayName().isBlank()
                ? user.displayName()
                : form.displayName().trim();
        return new Registrations.Profile(
                name,
                user.email().orElse(null),
                blankToNull(form.affiliation()),
                country,
                PreferredZones.check(form.timeZone()),
                blankToNull(form.notes()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static boolean isDuplicateRegistration(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException v
                    && v.getConstraintName() != null
                    && v.getConstraintName().contains("registration_event_id_subject_key")) {
                return true;
            }
        }
        return false;
    }
}
