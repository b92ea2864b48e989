package org.atrium.exhibition;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** The {@link MediaStore} in use, chosen by {@code atrium.media.store} (see {@code src/docs/exhibition.md}). */
@ApplicationScoped
class MediaStores {

    private static final Logger LOG = Logger.getLogger(MediaStores.class);

    /** Made at start-up, so a store misconfigured (no bucket) stops the start rather than the first upload. */
    @Produces
    @ApplicationScoped
    @Startup
    MediaStore store(MediaStoreConfig config, DatabaseMediaStore database) {
        if (config.store() == MediaStoreConfig.Kind.S3) {
            S3MediaStore s3 = new S3MediaStore(config.s3());
            LOG.infof(
                    "Exhibition files are kept in the S3 bucket %s at %s",
                    config.s3().bucket().orElseThrow(),
                    config.s3()
                            .endpoint()
                            .map(Object::toString)
                            .orElse("Amazon S3, " + config.s3().region()));
            return s3;
        }
        return database;
    }

    void close(@Disposes MediaStore store) {
        if (store instanceof S3MediaStore s3) {
            s3.close();
        }
    }
}
