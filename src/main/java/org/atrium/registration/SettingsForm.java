package org.atrium.registration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An event's registration settings (replaced as a whole). {@code deadline} is a local date-time in the event's
 * zone ({@code 2027-05-01T18:00}) or carries its own offset ({@code 2027-05-01T18:00+04:00}, {@code ...Z}); null
 * means no deadline. {@code capacity} null means unlimited. {@code version} (optional) guards against lost updates.
 */
record SettingsForm(
        @NotNull Boolean open,
        String deadline,
        @Min(0) Integer capacity,
        @NotNull RegistrationSettings.Mode mode,
        Long version) {}
