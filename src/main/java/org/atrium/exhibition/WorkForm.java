package org.atrium.exhibition;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A work as curators (and, for its own fields, its artists) write it. Artists edit everything but the gallery, the
 * position and the list of artists, which are the curators'.
 */
public record WorkForm(
        @NotNull Long galleryId,
        Integer position,
        @NotBlank @Size(max = 300) String title,
        @Valid @Size(max = 20) List<ArtistForm> artists,
        @Min(-10000) @Max(3000) Integer year,
        @Size(max = 300) String medium,
        @Size(max = 200) String dimensions,
        @Size(max = 20000) String description,
        @Size(max = 5000) String credits,
        @Size(max = 500) String contentWarning,
        @Size(max = 2000) String streamUrl) {

    /** An artist as credited; {@code accountSubject} (optional) lets that account edit the work. */
    public record ArtistForm(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 255) String accountSubject) {}
}
