package org.atrium.speaker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A speaker profile as an organiser (or the linked speaker) sends it. {@code accountSubject} links the profile to an
 * account an organiser picked from {@code GET /api/events/{slug}/accounts} (the UI invites by e-mail instead, see
 * {@code invitation}); {@code accountEmail} lets the person claim the profile with that verified address. Only
 * organisers change them (a linked speaker may leave them out). {@code version} is required on update.
 */
record SpeakerForm(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String bio,
        @Size(max = 200) String affiliation,

        @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as GB")
        String country,

        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String photoUrl,

        @Size(max = 10) List<@Valid @NotNull LinkForm> links,
        @Size(max = 255) String accountSubject,
        @Email @Size(max = 320) String accountEmail,
        Long version) {

    record LinkForm(
            @Size(max = 120) String label,

            @NotBlank @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            String url) {}
}
