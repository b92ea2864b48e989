package org.atrium.schedule;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A room or virtual stage as an organiser sends it. {@code version} is required on update. */
record RoomForm(
        @NotBlank @Size(max = 120) String name,
        @PositiveOrZero Integer capacity,

        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String joinUrl,

        Room.Kind kind,
        Long version) {}
