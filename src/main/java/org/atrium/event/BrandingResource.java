package org.atrium.event;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Images;
import org.atrium.common.StoredImage;
import org.atrium.security.People;

/**
 * An event's visual identity, set by its organisers: a logo (uploaded through {@link Images} like any image) and an
 * accent colour that must keep 4.5:1 contrast with what it is used with ({@link Branding}).
 */
@Path("/api/events/{slug}")
class BrandingResource {

    @Inject
    Events events;

    @Inject
    Bounds bounds;

    @Inject
    People people;

    @Inject
    Clock clock;

    /** The colours an organiser sets; a null {@code accentColour} goes back to Atrium's own. */
    public record BrandingForm(
            @Pattern(regexp = "#[0-9A-Fa-f]{6}", message = "must be a colour as #rrggbb")
            String accentColour) {}

    @PUT
    @Path("branding")
    @Authenticated
    @Transactional
    public EventView brand(@PathParam("slug") String slug, @Valid @NotNull BrandingForm form) {
        Event event = events.organised(slug);
        String accent = form.accentColour() == null ? null : form.accentColour().toLowerCase(Locale.ROOT);
        if (accent != null) {
            Branding.Weakest weakest = Branding.weakest(accent);
            if (weakest.ratio() < Branding.MINIMUM) {
                String ratio = String.format(Locale.ROOT, "%.2f", weakest.ratio());
                throw new DomainException(
                        400,
                        "event.accent-contrast",
                        "The accent colour " + accent + " has a contrast of only " + ratio + ":1 with "
                                + weakest.against() + "; text needs at least 4.5:1. Choose a darker colour.",
                        Map.of(
                                "field",
                                "accentColour",
                                "ratio",
                                Double.valueOf(ratio),
                                "minimum",
                                Branding.MINIMUM,
                                "against",
                                weakest.against()));
            }
        }
        event.accentColour = accent;
        return touched(event);
    }

    /** The logo as stored; {@code v} (the version the event names) makes it cacheable for good. */
    @GET
    @Path("logo")
    @PermitAll
    @Produces({"image/png", "image/jpeg"})
    public Response logo(@PathParam("slug") String slug, @QueryParam("v") Long version, @Context Request request) {
        Event event = events.visible(slug);
        return StoredImage.serve(event.logoImageId, version, event.status == Event.Status.DRAFT, request, "logo");
    }

    /** Replaces the logo with the uploaded image (PNG or JPEG, re-encoded). */
    @PUT
    @Path("logo")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public EventView uploadLogo(@PathParam("slug") String slug, byte[] body) {
        events.organised(slug); // refused before any decoding
        // decoded outside the transaction: a large logo takes up to a second, which no database connection waits for
        Images.Processed image = Images.normalise(body, Images.Limits.of(bounds));
        return QuarkusTransaction.requiringNew().call(() -> {
            Event event = events.organised(slug);
            Long old = event.logoImageId;
            event.logoImageId = StoredImage.store(image, Instant.now(clock)).id;
            EventView view = touched(event);
            StoredImage.discard(old);
            return view;
        });
    }

    @DELETE
    @Path("logo")
    @Authenticated
    @Transactional
    public EventView removeLogo(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        Long old = event.logoImageId;
        event.logoImageId = null;
        EventView view = touched(event);
        StoredImage.discard(old);
        return view;
    }

    private EventView touched(Event event) {
        event.updatedAt = Instant.now(clock);
        event.persistAndFlush();
        return EventView.of(event, true, people.of(event.organisers));
    }
}
