package org.atrium.exhibition;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A gallery as curators write it. Hours are local times in the event's zone ({@code 2027-05-12T10:00}) or instants
 * with their offset; an interval may cross midnight. {@code premoderation} (default false): new entries in the
 * guestbooks of its works wait for a curator's approval. {@code openingSessionId}: a session of the event's programme
 * that opens the gallery (the programme then links to it); null for none.
 */
public record GalleryForm(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 20000) String statement,
        Integer position,
        Gallery.Visibility visibility,
        Boolean premoderation,
        @Valid @Size(max = 100) List<HoursForm> hours,
        Long openingSessionId) {

    public record HoursForm(
            @NotBlank String opens, @NotBlank String closes) {}
}
