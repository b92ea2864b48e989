package org.atrium.exhibition;

import static org.atrium.exhibition.ExhibitionApi.as;
import static org.atrium.exhibition.ExhibitionApi.gallery;
import static org.atrium.exhibition.ExhibitionApi.upload;
import static org.atrium.exhibition.ExhibitionApi.work;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/** Uploads to a work: the honest ones kept as they should be, the hostile ones refused with nothing stored. */
@QuarkusTest
class MediaUploadTest {

    @Inject
    Fixtures fixtures;

    private ExhibitionApi.Setup setup() {
        return ExhibitionApi.Setup.create(fixtures);
    }

    @Test
    void anImageIsKeptInThreeSizesMadeOnceAndServedAsStored() throws Exception {
        ExhibitionApi.Setup s = setup();
        ExtractableResponse<Response> created = upload(
                        "frieda",
                        s.slug(),
                        s.work(),
                        "A purple field with an orange sun",
                        "image/jpeg",
                        HostileFiles.jpeg(2400, 1200))
                .statusCode(201)
                .body("kind", equalTo("IMAGE"))
                .body("alt", equalTo("A purple field with an orange sun"))
                .body("width", equalTo(1600))
                .body("height", equalTo(800))
                .extract();
        long id = created.jsonPath().getLong("id");
        int[][] expected = {{320, 160}, {800, 400}, {1600, 800}};
        String[] names = {"thumb", "medium", "large"};
        for (int i = 0; i < names.length; i++) {
            ExtractableResponse<Response> first =
                    as(null).get(s.media(id, names[i])).then().statusCode(200).extract();
            byte[] bytes = first.asByteArray();
            var image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(names[i], new int[] {image.getWidth(), image.getHeight()}, equalTo(expected[i]));
            // the ETag is the hash taken when the size was made at upload: the body is those stored bytes
            assertThat(first.header("ETag"), equalTo("\"" + sha256(bytes).substring(0, 32) + "\""));
            assertThat(first.header("Cache-Control"), equalTo("public, max-age=31536000, immutable"));
            assertThat(first.header("Content-Type"), equalTo("image/jpeg"));
            assertThat(first.header("X-Content-Type-Options"), equalTo("nosniff"));
            byte[] again = as(null).get(s.media(id, names[i])).then().extract().asByteArray();
            Assertions.assertArrayEquals(bytes, again);
            as(null).header("If-None-Match", first.header("ETag"))
                    .get(s.media(id, names[i]))
                    .then()
                    .statusCode(304);
        }
    }

    @Test
    void anImageWithoutAltTextIsRefused() {
        ExhibitionApi.Setup s = setup();
        upload("carol", s.slug(), s.work(), null, "image/jpeg", HostileFiles.jpeg(100, 100))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("media.alt-required"));
        upload("carol", s.slug(), s.work(), "  ", "image/jpeg", HostileFiles.jpeg(100, 100))
                .statusCode(400)
                .body("code", equalTo("media.alt-required"));
        assertThat(s.mediaIds(), hasSize(0));
    }

    @Test
    void gpsInExifIsGoneFromEveryServedSize() throws Exception {
        ExhibitionApi.Setup s = setup();
        byte[] phone = HostileFiles.withGpsExif(HostileFiles.jpeg(1000, 800));
        // the upload really carries EXIF with GPS, as ImageIO reads it
        assertThat(HostileFiles.app1Segments(phone), equalTo(1));
        assertThat(exifMarkers(phone), equalTo(1));
        long id = upload("frieda", s.slug(), s.work(), "Field", "image/jpeg", phone)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        for (String size : List.of("thumb", "medium", "large")) {
            byte[] served = as(null).get(s.media(id, size))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            assertThat(size, HostileFiles.app1Segments(served), equalTo(0));
            assertThat(size, exifMarkers(served), equalTo(0));
            assertThat(size, new String(served, StandardCharsets.ISO_8859_1).contains("Exif"), equalTo(false));
        }
    }

    @Test
    void aPngThatIsReallyHtmlIsRefused() {
        ExhibitionApi.Setup s = setup();
        upload("carol", s.slug(), s.work(), "x", "image/png", HostileFiles.htmlPretendingToBePng())
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("media.unsupported-type"))
                .body("detected", equalTo("text/html"));
        assertThat(s.mediaIds(), hasSize(0));
    }

    @Test
    void anSvgWithAScriptIsRefused() {
        ExhibitionApi.Setup s = setup();
        upload("carol", s.slug(), s.work(), "x", "image/png", HostileFiles.svgWithScript())
                .statusCode(415)
                .body("code", equalTo("media.svg-refused"));
        assertThat(s.mediaIds(), hasSize(0));
    }

    @Test
    void aPixelBombIsRefusedFromItsHeader() {
        ExhibitionApi.Setup s = setup();
        byte[] bomb = HostileFiles.pngBomb(50_000, 50_000);
        assertThat(bomb.length < 2000, equalTo(true));
        upload("carol", s.slug(), s.work(), "x", "image/png", bomb)
                .statusCode(413)
                .body("code", equalTo("upload.too-many-pixels"))
                .body("width", equalTo(50_000))
                .body("height", equalTo(50_000));
        assertThat(s.mediaIds(), hasSize(0));
    }

    /** A 2 GB declared length is answered before any of the body is sent. */
    @Test
    void aTwoGigabyteDeclaredLengthIsRefusedBeforeReading() throws IOException {
        ExhibitionApi.Setup s = setup();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000); // a guard against hanging, not an assertion on time
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /api/events/" + s.slug() + "/works/" + s.work() + "/media?alt=x HTTP/1.1\r\nHost: localhost"
                                    + "\r\nAuthorization: " + Tokens.bearer("carol") + "\r\nContent-Type: video/mp4\r\n"
                                    + "Content-Length: 2147483648\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer, startsWith("HTTP/1.1 413"));
            assertThat(answer, containsString("application/problem+json"));
            assertThat(answer, containsString("\"code\":\"media.too-large\""));
            assertThat(answer, containsString("\"size\":2147483648"));
        }
        assertThat(s.mediaIds(), hasSize(0));
    }

    /**
     * Over the per-file limit (8 MiB in tests) by the declared length, before any of the body is sent, and with no
     * length given, while reading: the same refusal, nothing stored.
     */
    @Test
    void aFileOverTheLimitIsRefused() throws IOException {
        ExhibitionApi.Setup s = setup();
        int limit = 8 * 1024 * 1024;
        byte[] big = bigPdf(limit + 1);
        // the declared length alone is refused, before any of the body is sent (a client that went on sending would
        // see the connection close under it, which HTTP client libraries report as a failure, not as the answer)
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000); // a guard against hanging, not an assertion on time
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/events/" + s.slug() + "/works/" + s.work()
                            + "/media?alt=x HTTP/1.1\r\nHost: localhost"
                            + "\r\nAuthorization: " + Tokens.bearer("carol") + "\r\nContent-Type: application/pdf\r\n"
                            + "Content-Length: " + big.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer, startsWith("HTTP/1.1 413"));
            assertThat(answer, containsString("\"code\":\"media.too-large\""));
        }
        // sent without a length (chunked): counted as it arrives (the reader itself: over HTTP, the server answers
        // and closes while the client is still sending, which the client sees as a reset, not as the answer)
        DomainException e = Assertions.assertThrows(
                DomainException.class, () -> MediaUploads.receive(new ByteArrayInputStream(big), limit, null));
        assertThat(e.code(), equalTo("media.too-large"));
        assertThat(s.mediaIds(), hasSize(0));
        // exactly at the limit is kept
        upload("carol", s.slug(), s.work(), null, "application/pdf", bigPdf(limit))
                .statusCode(201);
    }

    /**
     * A file far above the 1 MiB that every other route takes (3 MiB; on the old code 413 request.too-large) arrives
     * streamed to a temporary file, is stored whole, and is served whole and in slices from anywhere in it (the
     * database store reads it in 1 MiB slices).
     */
    @Test
    void aFileOverOneMebibyteIsStoredWholeAndServedInRanges() {
        ExhibitionApi.Setup s = setup();
        byte[] video = bigPdf(3 * 1024 * 1024 + 17);
        long id = upload("frieda", s.slug(), s.work(), null, "video/mp4", video)
                .statusCode(201)
                .body("mediaType", equalTo("application/pdf"))
                .extract()
                .jsonPath()
                .getLong("id");
        String url = s.media(id, "original");
        ExtractableResponse<Response> whole =
                as(null).get(url).then().statusCode(200).extract();
        assertThat(whole.header("Content-Length"), equalTo(String.valueOf(video.length)));
        Assertions.assertArrayEquals(video, whole.asByteArray());
        int from = 1024 * 1024 + 1000; // across the second and third slices of a MiB
        ExtractableResponse<Response> part = as(null).header("Range", "bytes=" + from + "-" + (from + 1_048_599))
                .get(url)
                .then()
                .statusCode(206)
                .extract();
        Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(video, from, from + 1_048_600), part.asByteArray());
        Assertions.assertArrayEquals(
                java.util.Arrays.copyOfRange(video, video.length - 5, video.length),
                as(null).header("Range", "bytes=-5")
                        .get(url)
                        .then()
                        .statusCode(206)
                        .extract()
                        .asByteArray());
        // the same size on any other route is still refused by the 1 MiB limit
        as("organiser")
                .contentType("application/json")
                .body(video)
                .post("/api/events")
                .then()
                .statusCode(413)
                .body("code", equalTo("request.too-large"))
                .body("maxBytes", equalTo(1_048_576));
    }

    /** The event's quota (20 MiB in tests) holds for large files: from the declared length, and with the real size. */
    @Test
    void theEventsQuotaHoldsForLargeFiles() {
        ExhibitionApi.Setup s = setup();
        int eight = 8 * 1024 * 1024;
        upload("carol", s.slug(), s.work(), null, "application/pdf", bigPdf(eight))
                .statusCode(201);
        upload("carol", s.slug(), s.work(), null, "application/pdf", bigPdf(eight))
                .statusCode(201);
        // 16 MiB used: 8 more, declared, are refused before reading
        upload("carol", s.slug(), s.work(), null, "application/pdf", bigPdf(eight))
                .statusCode(413)
                .body("code", equalTo("media.event-quota"))
                .body("used", equalTo(2 * eight))
                .body("size", equalTo(eight));
        // 5 MiB without a length pass the first check and are refused when the real size is known
        upload("carol", s.slug(), s.work(), null, "application/pdf", new ByteArrayInputStream(bigPdf(5 * 1024 * 1024)))
                .statusCode(413)
                .body("code", equalTo("media.event-quota"));
        assertThat(s.mediaIds(), hasSize(2));
        upload("carol", s.slug(), s.work(), null, "application/pdf", bigPdf(4 * 1024 * 1024))
                .statusCode(201);
    }

    /**
     * Real audio and video (made by src/test/scripts/make-media-fixtures.sh) are known by their bytes, whatever type
     * the client declares, kept as uploaded and served whole and in ranges.
     */
    @Test
    void audioAndVideoAreSniffedAndServedInRanges() throws IOException {
        ExhibitionApi.Setup s = setup();
        record Fixture(String file, String declared, String kind, String type, String extension) {}
        List<Fixture> fixtures = List.of(
                new Fixture("tone.mp3", "image/png", "AUDIO", "audio/mpeg", "mp3"),
                new Fixture("tone.ogg", "application/octet-stream", "AUDIO", "audio/ogg", "ogg"),
                new Fixture("pattern.mp4", "audio/mpeg", "VIDEO", "video/mp4", "mp4"),
                new Fixture("pattern.webm", "video/mp4", "VIDEO", "video/webm", "webm"));
        for (Fixture f : fixtures) {
            byte[] bytes = fixture(f.file());
            long id = upload("carol", s.slug(), s.work(), null, f.declared(), bytes)
                    .statusCode(201)
                    .body("kind", equalTo(f.kind()))
                    .body("mediaType", equalTo(f.type()))
                    .extract()
                    .jsonPath()
                    .getLong("id");
            String url = s.media(id, "original");
            ExtractableResponse<Response> whole =
                    as(null).get(url).then().statusCode(200).extract();
            Assertions.assertArrayEquals(bytes, whole.asByteArray(), f.file());
            assertThat(f.file(), whole.header("Content-Type"), equalTo(f.type()));
            assertThat(
                    f.file(),
                    whole.header("Content-Disposition"),
                    equalTo("inline; filename=\"work-" + s.work() + "-" + id + "-original." + f.extension() + "\""));
            ExtractableResponse<Response> part = as(null).header("Range", "bytes=100-1123")
                    .get(url)
                    .then()
                    .statusCode(206)
                    .header("Content-Range", "bytes 100-1123/" + bytes.length)
                    .extract();
            Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 100, 1124), part.asByteArray(), f.file());
            Assertions.assertArrayEquals(
                    java.util.Arrays.copyOfRange(bytes, 2000, bytes.length),
                    as(null).header("Range", "bytes=2000-")
                            .get(url)
                            .then()
                            .statusCode(206)
                            .extract()
                            .asByteArray(),
                    f.file());
            as(null).header("Range", "bytes=" + bytes.length + "-")
                    .get(url)
                    .then()
                    .statusCode(416)
                    .header("Content-Range", "bytes */" + bytes.length)
                    .body("code", equalTo("media.range-not-satisfiable"));
        }
        assertThat(s.mediaIds(), hasSize(4));
    }

    /** A page named and declared as a video is refused for what it is. */
    @Test
    void anMp4ThatIsReallyHtmlIsRefused() {
        ExhibitionApi.Setup s = setup();
        byte[] page = "<!DOCTYPE html>\n<html><head><title>clip.mp4</title></head><body><script>alert(document.cookie)"
                .concat("</script></body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
        upload("carol", s.slug(), s.work(), null, "video/mp4", page)
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("media.unsupported-type"))
                .body("detected", equalTo("text/html"));
        assertThat(s.mediaIds(), hasSize(0));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MediaUploadTest.class.getResourceAsStream("/exhibition-media/" + name)) {
            Assertions.assertNotNull(in, "src/test/resources/exhibition-media/" + name);
            return in.readAllBytes();
        }
    }

    /** A PDF's signature followed by {@code length} bytes in all, not all alike (seeded: the same every run). */
    private static byte[] bigPdf(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(length).nextBytes(bytes);
        byte[] pdf = HostileFiles.pdf();
        System.arraycopy(pdf, 0, bytes, 0, Math.min(pdf.length, length));
        return bytes;
    }

    /** A body that ends early (the client's connection drops) stores nothing. */
    @Test
    void aTruncatedUploadStoresNothing() throws IOException {
        ExhibitionApi.Setup s = setup();
        byte[] file = HostileFiles.pdf();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/events/" + s.slug() + "/works/" + s.work() + "/media HTTP/1.1\r\nHost: localhost"
                            + "\r\nAuthorization: " + Tokens.bearer("carol") + "\r\nContent-Type: application/pdf\r\n"
                            + "Content-Length: " + (file.length + 5000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(file);
            out.flush();
        } // closed with 5000 bytes missing
        // a complete upload after it takes the event's lock: had the truncated one stored anything, it would be here
        long id = upload("carol", s.slug(), s.work(), null, "application/pdf", file)
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        assertThat(s.mediaIds(), equalTo(List.of((int) id)));
        // and the reader itself: a stream that fails, or ends before its declared length, is incomplete
        InputStream failing = new InputStream() {
            int left = 100;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 'x';
            }
        };
        java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("atrium-upload-test");
        Assertions.assertEquals(
                "upload.incomplete",
                Assertions.assertThrows(
                                DomainException.class, () -> MediaUploads.receive(failing, 1000, null, directory))
                        .code());
        // nothing half-written: the temporary file the body went into is gone
        try (var left = java.nio.file.Files.list(directory)) {
            assertThat(left.toList(), hasSize(0));
        }
        java.nio.file.Files.delete(directory);
        Assertions.assertEquals(
                "upload.incomplete",
                Assertions.assertThrows(
                                DomainException.class,
                                () -> MediaUploads.receive(new ByteArrayInputStream(new byte[10]), 1000, 20L))
                        .code());
    }

    @Test
    void documentsAreServedInRanges() {
        ExhibitionApi.Setup s = setup();
        byte[] pdf = HostileFiles.pdf();
        ExtractableResponse<Response> created = upload("carol", s.slug(), s.work(), null, "text/plain", pdf)
                .statusCode(201)
                .body("kind", equalTo("DOCUMENT"))
                .body("mediaType", equalTo("application/pdf"))
                .extract();
        long id = created.jsonPath().getLong("id");
        String url = s.media(id, "original");
        int n = pdf.length;

        ExtractableResponse<Response> whole =
                as(null).get(url).then().statusCode(200).extract();
        Assertions.assertArrayEquals(pdf, whole.asByteArray());
        assertThat(whole.header("Accept-Ranges"), equalTo("bytes"));
        assertThat(
                whole.header("Content-Disposition"),
                equalTo("inline; filename=\"work-" + s.work() + "-" + id + "-original.pdf\""));

        ExtractableResponse<Response> head = as(null).header("Range", "bytes=0-9")
                .get(url)
                .then()
                .statusCode(206)
                .extract();
        Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(pdf, 0, 10), head.asByteArray());
        assertThat(head.header("Content-Range"), equalTo("bytes 0-9/" + n));

        ExtractableResponse<Response> tail = as(null).header("Range", "bytes=-6")
                .get(url)
                .then()
                .statusCode(206)
                .extract();
        Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(pdf, n - 6, n), tail.asByteArray());
        assertThat(tail.header("Content-Range"), equalTo("bytes " + (n - 6) + "-" + (n - 1) + "/" + n));

        ExtractableResponse<Response> open = as(null).header("Range", "bytes=10-")
                .get(url)
                .then()
                .statusCode(206)
                .extract();
        Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(pdf, 10, n), open.asByteArray());

        for (String bad : List.of("bytes=0-1,4-5", "bytes=" + n + "-", "bytes=9-3", "lines=1-2", "bytes=-0")) {
            as(null).header("Range", bad)
                    .get(url)
                    .then()
                    .statusCode(416)
                    .header("Content-Range", equalTo("bytes */" + n))
                    .body("code", equalTo("media.range-not-satisfiable"));
        }
        // a stale If-Range gets the whole file
        as(null).header("Range", "bytes=0-9")
                .header("If-Range", "\"stale\"")
                .get(url)
                .then()
                .statusCode(200);
    }

    @Test
    void onlyTheWorksArtistsAndCuratorsUpload() {
        ExhibitionApi.Setup s = setup();
        fixtures.registration(
                Event.<Event>find("slug", s.slug()).firstResult(),
                "alice",
                org.atrium.registration.Registration.State.CONFIRMED,
                null);
        upload("alice", s.slug(), s.work(), null, "application/pdf", HostileFiles.pdf())
                .statusCode(403);
        upload(null, s.slug(), s.work(), null, "application/pdf", HostileFiles.pdf())
                .statusCode(401);
        upload("frieda", s.slug(), s.work(), null, "application/pdf", HostileFiles.pdf())
                .statusCode(201);
    }

    /** A registered-only gallery's files: its participants and curators only, and never kept by shared caches. */
    @Test
    void aRegisteredOnlyGallerysFilesAreForItsParticipants() {
        Event event = fixtures.publishedEvent();
        fixtures.registration(event, "alice", org.atrium.registration.Registration.State.CONFIRMED, null);
        long archive = gallery(event.slug, "Archive", "REGISTERED", "[]");
        long w = work(event.slug, archive, "Letters", null);
        long id = upload("organiser", event.slug, w, null, "application/pdf", HostileFiles.pdf())
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String url = "/api/events/" + event.slug + "/media/" + id + "/original";
        as(null).get(url).then().statusCode(403).body("code", equalTo("gallery.registered-only"));
        as("bob").get(url).then().statusCode(403);
        as("alice").get(url).then().statusCode(200).header("Cache-Control", equalTo("private, max-age=300"));
        as("organiser").get(url).then().statusCode(200);
        as(null).get("/api/events/" + event.slug + "/media/" + id + "/thumb")
                .then()
                .statusCode(403);
        as("alice")
                .get("/api/events/" + event.slug + "/media/" + id + "/thumb")
                .then()
                .statusCode(404);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && !head.toString().endsWith("\r\n\r\n")) {
            head.append((char) c);
        }
        return head.toString();
    }

    /** APP1 markers as ImageIO's JPEG metadata tree lists them ({@code unknown} nodes with MarkerTag 225). */
    private static int exifMarkers(byte[] jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            return count(root);
        }
    }

    private static int count(Node node) {
        int n = 0;
        if (node.getNodeName().equals("unknown")
                && node.getAttributes().getNamedItem("MarkerTag") != null
                && node.getAttributes().getNamedItem("MarkerTag").getNodeValue().equals("225")) {
            n++;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            n += count(child);
        }
        return n;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
