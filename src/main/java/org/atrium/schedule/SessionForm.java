package org.atrium.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A session as an organiser sends it. {@code start} and {@code end} are either instants with an offset
 * ({@code 2027-05-12T15:00+04:00}) or wall-clock times in the event's zone ({@code 2027-05-12T15:00}); see
 * {@link org.atrium.timezone.LocalTimes}. {@code speakers} replaces the session's whole line-up. {@code cancelled} left out keeps the
 * session's state ({@code false} puts a cancelled session back, if it still fits). {@code version} is required on
 * update.
 */
record SessionForm(
        @NotBlank @Size(max = 300) String title,
        @JsonProperty("abstract") @Size(max = 4000) String summary,
        ConferenceSession.Type type,

        @Size(max = 35)
        @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a language tag such as en or pt-BR")
        String language,

        Long trackId,
        Long roomId,
        @NotBlank String start,
        @NotBlank String end,
        @PositiveOrZero Integer capacity,
        Boolean cancelled,
        @Size(max = 50) List<@Valid @NotNull SpeakerRole> speakers,
        Long version) {

    /** One speaker on the session, with their role there (SPEAKER when left out). */
    record SpeakerRole(@NotNull Long speakerId, SessionSpeaker.Role role) {}
}
