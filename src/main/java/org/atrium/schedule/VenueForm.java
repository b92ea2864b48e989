package org.atrium.schedule;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A venue as an organiser sends it. {@code version} is required on update. Named {@code RoomForm} in the OpenAPI
 * document, as before the Java rename (see {@link Venue}: the outside keeps the word room).
 */
@Schema(name = "RoomForm")
record VenueForm(
        @NotBlank @Size(max = 120) String name,
        @PositiveOrZero Integer capacity,

        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String joinUrl,

        Venue.Kind kind,
        Long version) {}
