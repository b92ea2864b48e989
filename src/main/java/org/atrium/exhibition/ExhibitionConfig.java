package org.atrium.exhibition;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The exhibition's media limits (see {@code src/docs/exhibition.md}); where files are kept: {@link MediaStoreConfig}. */
@ConfigMapping(prefix = "atrium.exhibition")
public interface ExhibitionConfig {

    /**
     * Bytes of one uploaded file ({@code media.too-large}), checked from {@code Content-Length} before reading and
     * again while reading; only the media upload takes bodies this large (every other route stays within {@code
     * atrium.http.max-body-size}). {@code quarkus.http.limits.max-body-size}, the transport's ceiling, follows it in
     * {@code application.properties}.
     */
    @WithDefault("52428800")
    long mediaMaxBytes();

    /** Bytes of all stored files of one event, image sizes included ({@code media.event-quota}). */
    @WithDefault("268435456")
    long eventMaxBytes();

    /** Where an upload is streamed while it arrives and is checked (deleted after); empty: the system's temp directory. */
    Optional<Path> uploadDirectory();
}
