package org.atrium.exhibition;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.atrium.common.DomainException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A {@link MediaStore} in an S3-compatible object store (Amazon S3, MinIO, Ceph, Garage, ...), through the AWS SDK's
 * S3 client over the JDK's {@code HttpURLConnection}. Not transactional: {@link MediaUploads} writes the objects before
 * the rows commit and deletes them when the commit fails. A store that does not answer is 503
 * {@code media.store-unavailable}.
 */
final class S3MediaStore implements MediaStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3MediaStore.class);

    static final String UNAVAILABLE = "media.store-unavailable";

    private final S3Client s3;
    private final String bucket;

    S3MediaStore(MediaStoreConfig.S3 config) {
        this.bucket = config.bucket()
                .filter(b -> !b.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "atrium.media.store=s3 needs a bucket: set ATRIUM_MEDIA_S3_BUCKET (atrium.media.s3.bucket)"));
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.socketTimeout()))
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // checksums only where S3 requires them: many S3-compatible stores refuse the SDK's default
                // (aws-chunked uploads with CRC32 trailers); our own SHA-256 of every file is in media_variant
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.accessKey().get(), config.secretKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    @Override
    public void put(String key, String mediaType, byte[] bytes) {
        put(key, mediaType, RequestBody.fromBytes(bytes));
    }

    @Override
    public void put(String key, String mediaType, Path file) {
        put(key, mediaType, RequestBody.fromFile(file));
    }

    private void put(String key, String mediaType, RequestBody body) {
        try {
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(key)
                            .contentType(mediaType)
                            .build(),
                    body);
        } catch (SdkException e) {
            throw unavailable("write", key, e);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) {
        try {
            return s3.getObject(GetObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1))
                    .build());
        } catch (NoSuchKeyException e) {
            LOG.errorf("Media object %s is missing from bucket %s", key, bucket);
            throw DomainException.notFound("media");
        } catch (SdkException e) {
            throw unavailable("read", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public void close() {
        s3.close();
    }

    private DomainException unavailable(String what, String key, SdkException e) {
        LOG.warnf("The S3 media store could not %s %s in bucket %s: %s", what, key, bucket, e.toString());
        return new DomainException(
                503,
                UNAVAILABLE,
                "The file store is not answering; please try again in a moment.",
                Map.of("store", "s3"));
    }
}
