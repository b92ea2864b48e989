package org.atrium.exhibition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The S3 store refuses to be made without a bucket, naming the variable to set (the start fails, not an upload). */
class S3MediaStoreConfigTest {

    record S3(Optional<String> bucket) implements MediaStoreConfig.S3 {
        @Override
        public Optional<URI> endpoint() {
            return Optional.of(URI.create("http://127.0.0.1:9"));
        }

        @Override
        public String region() {
            return "eu-central-1";
        }

        @Override
        public Optional<String> accessKey() {
            return Optional.of("a");
        }

        @Override
        public Optional<String> secretKey() {
            return Optional.of("b");
        }

        @Override
        public boolean pathStyle() {
            return true;
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration socketTimeout() {
            return Duration.ofSeconds(1);
        }
    }

    @Test
    void aStoreWithoutABucketIsRefusedNamingTheVariable() {
        for (Optional<String> bucket : java.util.List.of(Optional.<String>empty(), Optional.of(" "))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new S3MediaStore(new S3(bucket)));
            assertEquals(
                    "atrium.media.store=s3 needs a bucket: set ATRIUM_MEDIA_S3_BUCKET (atrium.media.s3.bucket)",
                    e.getMessage());
        }
        // with one, the client is made without contacting the store (nothing listens on port 9)
        new S3MediaStore(new S3(Optional.of("media"))).close();
    }
}
