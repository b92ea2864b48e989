package org.atrium.exhibition;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The exhibition's media limits and where its files are kept (see {@code src/docs/exhibition.md}). */
@ConfigMapping(prefix = "atrium.exhibition")
public interface ExhibitionConfig {

    /**
     * Bytes of one uploaded file ({@code media.too-large}), checked from {@code Content-Length} before reading and
     * again while reading. Uploads are also bound by {@code quarkus.http.limits.max-body-size} (1 MiB), which is
     * checked first: a larger value needs that raised too.
     */
    @WithDefault("1048576")
    long mediaMaxBytes();

    /** Bytes of all stored files of one event, image sizes included ({@code media.event-quota}). */
    @WithDefault("268435456")
    long eventMaxBytes();
}
