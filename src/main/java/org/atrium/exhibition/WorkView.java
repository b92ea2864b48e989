package org.atrium.exhibition;

import java.util.List;

/** A work as a visitor sees it; {@code mayEdit}: the caller curates the event or is one of its artists. */
public record WorkView(
        long id,
        long galleryId,
        int position,
        String title,
        List<ArtistView> artists,
        Integer year,
        String medium,
        String dimensions,
        String description,
        String credits,
        String contentWarning,
        String streamUrl,
        List<MediaView> media,
        boolean mayEdit) {

    /**
     * An artist as credited; {@code linked}: an account may edit the work as this artist. Which account
     * ({@code accountSubject}) is shown to the event's curators only (their editor sends it back when it saves the work);
     * null for everyone else.
     */
    public record ArtistView(String name, boolean linked, String accountSubject) {}

    /** The same with absolute media URLs under {@code base}. */
    WorkView under(String base) {
        return new WorkView(
                id,
                galleryId,
                position,
                title,
                artists,
                year,
                medium,
                dimensions,
                description,
                credits,
                contentWarning,
                streamUrl,
                media.stream().map(m -> m.under(base)).toList(),
                false);
    }

    /** {@code curates}: the caller curates the event, so the artists' accounts are shown. */
    static WorkView of(Work w, List<Media> media, String slug, boolean mayEdit, boolean curates) {
        return new WorkView(
                w.id,
                w.gallery.id,
                w.position,
                w.title,
                w.artists.stream()
                        .map(a -> new ArtistView(a.name, a.accountSubject != null, curates ? a.accountSubject : null))
                        .toList(),
                w.year,
                w.medium,
                w.dimensions,
                w.description,
                w.credits,
                w.contentWarning,
                w.streamUrl,
                media.stream().map(m -> MediaView.of(m, slug)).toList(),
                mayEdit);
    }
}
