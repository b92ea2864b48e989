package org.atrium.exhibition;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * A real S3 API in the test JVM: S3Proxy (the S3 protocol on Jetty, signatures checked) over jclouds' in-memory blob
 * store, on a fixed free port so that a test can stop it and start it again where Atrium looks for it. Tests read the
 * bucket directly, not through Atrium, and can make the store refuse writes of keys with a given ending.
 */
final class S3Server {

    static final String BUCKET = "atrium-media";
    static final String ACCESS_KEY = "atrium-test";
    static final String SECRET_KEY = "atrium-test-secret";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface InjectS3 {}

    /** The application with its files in S3Proxy: {@code atrium.media.store=s3}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atrium.media.store", "s3");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {
        private S3Server server;

        @Override
        public Map<String, String> start() {
            server = new S3Server();
            server.start();
            return Map.of(
                    "atrium.media.s3.endpoint",
                    "http://127.0.0.1:" + server.port,
                    "atrium.media.s3.region",
                    "eu-central-1",
                    "atrium.media.s3.bucket",
                    BUCKET,
                    "atrium.media.s3.access-key",
                    ACCESS_KEY,
                    "atrium.media.s3.secret-key",
                    SECRET_KEY,
                    // a stopped store is found out at once, not after the SDK's default waits
                    "atrium.media.s3.connect-timeout",
                    "PT2S");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectS3.class, S3Server.class));
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    private final int port;
    private final BlobStore blobs;
    private final AtomicReference<String> refusedEnding = new AtomicReference<>();
    private S3Proxy proxy;

    private S3Server() {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BlobStore memory = ContextBuilder.newBuilder("transient")
                .build(BlobStoreContext.class)
                .getBlobStore();
        blobs = new ForwardingBlobStore(memory) {
            @Override
            public String putBlob(String container, Blob blob) {
                refuse(blob);
                return super.putBlob(container, blob);
            }

            @Override
            public String putBlob(String container, Blob blob, PutOptions options) {
                refuse(blob);
                return super.putBlob(container, blob, options);
            }

            private void refuse(Blob blob) {
                String ending = refusedEnding.get();
                if (ending != null && blob.getMetadata().getName().endsWith(ending)) {
                    throw new IllegalStateException("the test refuses writes of *" + ending);
                }
            }
        };
        blobs.createContainerInLocation(null, BUCKET);
    }

    void start() {
        proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    /** The bucket's keys, as the blob store holds them. */
    TreeSet<String> keys() {
        TreeSet<String> keys = new TreeSet<>();
        String marker = null;
        do {
            ListContainerOptions options = ListContainerOptions.Builder.recursive();
            if (marker != null) {
                options.afterMarker(marker);
            }
            var page = blobs.list(BUCKET, options);
            for (StorageMetadata m : page) {
                keys.add(m.getName());
            }
            marker = page.getNextMarker();
        } while (marker != null);
        return keys;
    }

    /** The stored object's bytes, read from the blob store. */
    byte[] object(String key) throws IOException {
        Blob blob = blobs.getBlob(BUCKET, key);
        if (blob == null) {
            return null;
        }
        try (var in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    /** From now on the store refuses to write keys ending so (null: it accepts all again). */
    void refuseKeysEndingWith(String ending) {
        refusedEnding.set(ending);
    }
}
