package org.atrium.exhibition;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the exhibition's files are kept (environment {@code ATRIUM_MEDIA_*}): PostgreSQL by default, or an
 * S3-compatible object store ({@code ATRIUM_MEDIA_STORE=s3} with {@code ATRIUM_MEDIA_S3_*}).
 */
@ConfigMapping(prefix = "atrium.media")
public interface MediaStoreConfig {

    enum Kind {
        DATABASE,
        S3
    }

    /** {@code database} (the default) or {@code s3}. */
    @WithDefault("database")
    Kind store();

    S3 s3();

    interface S3 {
        /** The store's address, e.g. {@code https://minio.example.org:9000}; empty: Amazon S3 in {@link #region()}. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** The bucket (it must exist; Atrium never creates one). Required with {@code store=s3}. */
        Optional<String> bucket();

        /** With {@link #secretKey()}; both empty: the SDK's default credentials (environment, profile, IAM role). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** {@code https://host/bucket/key} rather than {@code https://bucket.host/key}: what most S3-compatible stores want. */
        @WithDefault("true")
        boolean pathStyle();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT60S")
        Duration socketTimeout();
    }
}
