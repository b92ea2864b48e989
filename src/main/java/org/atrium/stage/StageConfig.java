package org.atrium.stage;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Settings of the stage ({@code atrium.stage.*}); see src/docs/stage.md. */
@ConfigMapping(prefix = "atrium.stage")
public interface StageConfig {

    /**
     * Hosts whose streams may be plain http (a stream server on the same intranet, the tests' own); every other
     * stream needs https.
     */
    Optional<List<String>> plainHttpHosts();

    /**
     * Origins ({@code https://cdn.example.org}) added to every event's frame-src, media-src and connect-src: where
     * HLS segments come from when they are not on the playlist's host (a CDN). Never a wildcard.
     */
    Optional<List<String>> allowedSources();
}
