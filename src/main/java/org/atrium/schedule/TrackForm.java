package org.atrium.schedule;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A track as an organiser sends it. {@code version} is required on update (optimistic locking). */
record TrackForm(
        @NotBlank @Size(max = 120) String name,

        @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "must be a colour such as #1a7f37")
        String colour,

        Long version) {}
