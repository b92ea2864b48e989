package org.atrium.exhibition;

import static org.atrium.exhibition.ExhibitionApi.as;
import static org.atrium.exhibition.ExhibitionApi.upload;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The exhibition with its files in an S3-compatible store ({@code atrium.media.store=s3}), against a real S3 API
 * (S3Proxy in the test JVM): the bucket is read directly, not through Atrium.
 */
@QuarkusTest
@TestProfile(S3Server.Profile.class)
class S3MediaStoreTest {

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @S3Server.InjectS3
    S3Server s3;

    private ExhibitionApi.Setup setup() {
        return ExhibitionApi.Setup.create(fixtures);
    }

    private Set<String> added(Set<String> before) {
        TreeSet<String> after = s3.keys();
        after.removeAll(before);
        return after;
    }

    @Transactional
    long databaseObjects() {
        return ((Number) em.createNativeQuery("select count(*) from media_object")
                        .getSingleResult())
                .longValue();
    }

    @Test
    void filesAreKeptInTheBucketServedFromItInRangesAndDeletedFromIt() throws Exception {
        ExhibitionApi.Setup s = setup();
        TreeSet<String> before = s3.keys();
        long inDatabase = databaseObjects();
        byte[] pdf = HostileFiles.pdf();
        long doc = upload("carol", s.slug(), s.work(), null, "application/pdf", pdf)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        long image = upload("frieda", s.slug(), s.work(), "A field", "image/jpeg", HostileFiles.jpeg(1200, 600))
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Set<String> added = added(before);
        // one object for the PDF, three sizes for the image, and none of them in PostgreSQL
        assertThat(
                added.stream()
                        .map(k -> k.substring(k.lastIndexOf('/') + 1))
                        .sorted()
                        .toList(),
                equalTo(List.of("large", "medium", "original", "thumb")));
        assertThat(databaseObjects(), equalTo(inDatabase));
        String original =
                added.stream().filter(k -> k.endsWith("/original")).findFirst().orElseThrow();
        Assertions.assertArrayEquals(pdf, s3.object(original));

        Assertions.assertArrayEquals(
                pdf,
                as(null).get(s.media(doc, "original"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        ExtractableResponse<Response> part = as(null).header("Range", "bytes=5-14")
                .get(s.media(doc, "original"))
                .then()
                .statusCode(206)
                .header("Content-Range", "bytes 5-14/" + pdf.length)
                .header("Content-Length", "10")
                .extract();
        Assertions.assertArrayEquals(Arrays.copyOfRange(pdf, 5, 15), part.asByteArray());
        as(null).header("Range", "bytes=-4")
                .get(s.media(doc, "original"))
                .then()
                .statusCode(206);
        as(null).header("Range", "bytes=" + pdf.length + "-")
                .get(s.media(doc, "original"))
                .then()
                .statusCode(416)
                .body("code", equalTo("media.range-not-satisfiable"));
        String large =
                added.stream().filter(k -> k.endsWith("/large")).findFirst().orElseThrow();
        Assertions.assertArrayEquals(
                s3.object(large),
                as(null).get(s.media(image, "large"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());

        as("carol").delete("/api/events/" + s.slug() + "/media/" + image).then().statusCode(204);
        assertThat(added(before), equalTo(Set.of(original)));
        as("frieda").delete("/api/events/" + s.slug() + "/media/" + doc).then().statusCode(204);
        assertThat(added(before), equalTo(Set.of()));
        assertThat(s.mediaIds(), hasSize(0));
    }

    /**
     * The store refuses the third of an image's sizes after taking the first two: the upload fails with nothing left,
     * no row and no object (on the old code the two sizes stayed in the bucket).
     */
    @Test
    void aFailedUploadLeavesNoObjectAndNoRow() {
        ExhibitionApi.Setup s = setup();
        TreeSet<String> before = s3.keys();
        s3.refuseKeysEndingWith("/large");
        try {
            upload("carol", s.slug(), s.work(), "A field", "image/jpeg", HostileFiles.jpeg(1200, 600))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("code", equalTo("media.store-unavailable"));
        } finally {
            s3.refuseKeysEndingWith(null);
        }
        assertThat(added(before), equalTo(Set.of()));
        assertThat(s.mediaIds(), hasSize(0));
        // and the event's quota counts nothing for it: the same upload goes through once the store takes it
        upload("carol", s.slug(), s.work(), "A field", "image/jpeg", HostileFiles.jpeg(1200, 600))
                .statusCode(201);
        assertThat(added(before), hasSize(3));
    }

    /** A store that does not answer: a problem document, nothing stored, and all is served again once it is back. */
    @Test
    void aStoreThatIsDownIsAClearProblem() {
        ExhibitionApi.Setup s = setup();
        byte[] pdf = HostileFiles.pdf();
        long doc = upload("carol", s.slug(), s.work(), null, "application/pdf", pdf)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        TreeSet<String> before = s3.keys();
        s3.stop();
        try {
            as(null).get(s.media(doc, "original"))
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("code", equalTo("media.store-unavailable"));
            upload("carol", s.slug(), s.work(), null, "application/pdf", pdf)
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("code", equalTo("media.store-unavailable"));
        } finally {
            s3.start();
        }
        assertThat(s3.keys(), equalTo(before));
        assertThat(s.mediaIds(), equalTo(List.of((int) doc)));
        Assertions.assertArrayEquals(
                pdf,
                as(null).get(s.media(doc, "original"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
    }
}
