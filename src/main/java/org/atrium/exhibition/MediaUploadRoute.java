package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.atrium.common.DomainException;
import org.atrium.common.LargeBodyRoute;

/**
 * A work's media upload takes files up to {@code atrium.exhibition.media-max-bytes}, above every other route's body
 * limit; {@link MediaUploads} counts what it reads into its temporary file.
 */
@ApplicationScoped
class MediaUploadRoute implements LargeBodyRoute {

    private static final Pattern PATH = Pattern.compile("^/api/events/[^/]+/works/[^/]+/media/?$");

    @Inject
    ExhibitionConfig config;

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public long maxBytes() {
        return config.mediaMaxBytes();
    }

    @Override
    public DomainException tooLarge(long declaredLength) {
        return MediaUploads.tooLarge(config.mediaMaxBytes(), declaredLength);
    }
}
