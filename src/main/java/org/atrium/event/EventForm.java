package org.atrium.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** What an organiser sends to create or update an event. Days are local dates in {@code timeZone}. */
public record EventForm(
        @NotBlank
        @Size(min = 3, max = 80)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case letters, digits and single hyphens only")
        String slug,

        @NotBlank @Size(max = 200) String title,
        @Size(max = 20000) String description,
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull LocalDate firstDay,
        @NotNull LocalDate lastDay,
        Event.Visibility visibility,
        /** Optimistic-locking version on update; ignored on create. */
        Long version) {}
