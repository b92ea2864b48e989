package org.atrium.speaker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.atrium.common.StoredImage;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A speaker's photo over HTTP: who may set it, what is stored and served (re-encoded, its own type, cacheable, never
 * sniffed), what bad files get back, and that a draft event's photos stay with its organisers.
 */
@QuarkusTest
class SpeakerPhotoTest {

    @Inject
    Fixtures fixtures;

    static byte[] image(int width, int height, String format) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(11, 92, 173));
        g.fillRect(0, 0, width, height);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ValidatableResponse upload(String user, String path, byte[] body, String declaredType) {
        var request = given().contentType(declaredType).body(body);
        if (user != null) {
            request = request.header("Authorization", Tokens.bearer(user));
        }
        return request.put(path).then();
    }

    static String photoPath(Event event, long speakerId) {
        return "/api/events/" + event.slug + "/speakers/" + speakerId + "/photo";
    }

    static long storedImages() {
        return QuarkusTransaction.requiringNew().call(() -> StoredImage.count());
    }

    @Test
    void theSpeakerThemselfAndOrganisersSetThePhotoAndNobodyElse() throws IOException {
        Event event = fixtures.publishedEvent();
        Speaker speaker = fixtures.speaker(event, "Aynur Məmmədova", "speaker");
        String path = photoPath(event, speaker.id);

        upload(null, path, image(10, 10, "png"), "image/png").statusCode(401);
        upload("alice", path, image(10, 10, "png"), "image/png")
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("forbidden"));

        // the speaker themself, declaring a wrong type: the content decides
        String photo = upload("speaker", path, image(1600, 800, "jpeg"), "application/octet-stream")
                .statusCode(200)
                .body(
                        "photo",
                        matchesPattern("/api/events/" + event.slug + "/speakers/" + speaker.id + "/photo\\?v=\\d+"))
                .body("photoUrl", nullValue())
                .extract()
                .path("photo");

        var served = given().get(photo).then().statusCode(200);
        served.contentType("image/jpeg")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("ETag", matchesPattern("\"[0-9a-f]{32}\""));
        byte[] bytes = served.extract().asByteArray();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(back.getWidth() + "x" + back.getHeight(), equalTo("1024x512"));
        String etag = served.extract().header("ETag");
        given().header("If-None-Match", etag).get(photo).then().statusCode(304);
        given().get(path).then().statusCode(200).header("Cache-Control", "public, max-age=300, must-revalidate");

        // an organiser replaces it: the old image is gone, the profile and the programme name the new one
        long before = storedImages();
        String replaced = upload("organiser", path, image(50, 40, "png"), "image/png")
                .statusCode(200)
                .extract()
                .path("photo");
        assertThat(replaced, not(equalTo(photo)));
        assertThat(storedImages(), equalTo(before));
        given().get(replaced).then().statusCode(200).contentType("image/png");
        given().get("/api/events/" + event.slug + "/schedule")
                .then()
                .statusCode(200)
                .body("speakers.photoUrl", hasItem(replaced));
        given().get("/api/events/" + event.slug + "/speakers/" + speaker.id)
                .then()
                .body("photo", equalTo(replaced))
                .body("accountSubject", nullValue());

        // removing it
        given().header("Authorization", Tokens.bearer("speaker"))
                .delete(path)
                .then()
                .statusCode(200)
                .body("photo", nullValue());
        assertThat(storedImages(), equalTo(before - 1));
        given().get(path).then().statusCode(404).body("code", equalTo("photo.not-found"));
    }

    @Test
    void badFilesAreRefusedWithStableCodes() {
        Event event = fixtures.publishedEvent();
        Speaker speaker = fixtures.speaker(event, "Eleanor Whitcombe", null);
        String path = photoPath(event, speaker.id);
        long before = storedImages();

        upload("organiser", path, image(8, 8, "gif"), "image/png")
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("upload.unsupported-type"))
                .body("accepted", hasItem("image/jpeg"));
        upload("organiser", path, "<html><script>alert(1)</script>".getBytes(), "image/jpeg")
                .statusCode(415)
                .body("code", equalTo("upload.unsupported-type"));
        upload("organiser", path, giantPng(), "image/png")
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("upload.too-many-pixels"))
                .body("width", equalTo(60_000));
        upload("organiser", path, java.util.Arrays.copyOf(image(300, 300, "png"), 80), "image/png")
                .statusCode(400)
                .body("code", equalTo("upload.unreadable"));
        upload("organiser", path, new byte[0], "image/png").statusCode(400).body("code", equalTo("upload.empty"));
        assertThat(storedImages(), equalTo(before));
        given().get("/api/events/" + event.slug + "/speakers/" + speaker.id)
                .then()
                .body("photo", nullValue());
    }

    @Test
    void aDraftEventsPhotosAreForItsOrganisersAndTheSpeaker() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        Speaker speaker = fixtures.speaker(draft, "Hidden Speaker", "speaker");
        String path = photoPath(draft, speaker.id);
        upload("organiser", path, image(20, 20, "png"), "image/png").statusCode(200);

        given().get(path).then().statusCode(404).body("code", equalTo("event.not-found"));
        given().header("Authorization", Tokens.bearer("alice")).get(path).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(path)
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, no-cache");
        given().header("Authorization", Tokens.bearer("speaker"))
                .get(path)
                .then()
                .statusCode(200);
        upload("alice", path, image(20, 20, "png"), "image/png").statusCode(404);
    }

    @Test
    void deletingTheSpeakerDeletesTheirPhoto() {
        Event event = fixtures.publishedEvent();
        Speaker speaker = fixtures.speaker(event, "Short-lived", null);
        long before = storedImages();
        upload("organiser", photoPath(event, speaker.id), image(30, 30, "png"), "image/png")
                .statusCode(200);
        assertThat(storedImages(), equalTo(before + 1));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + event.slug + "/speakers/" + speaker.id)
                .then()
                .statusCode(204);
        assertThat(storedImages(), equalTo(before));
    }

    /** A PNG whose header declares 60,000 x 60,000 pixels, with no real image data behind it. */
    static byte[] giantPng() {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(60_000)
                .putInt(60_000)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[] {7, 7, 7}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes()).put(data);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
