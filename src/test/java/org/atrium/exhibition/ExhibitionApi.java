package org.atrium.exhibition;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.atrium.support.Tokens;

/** The exhibition's REST calls as the tests make them; {@code user} null means anonymous. */
final class ExhibitionApi {

    private ExhibitionApi() {}

    static RequestSpecification as(String user) {
        RequestSpecification r = given();
        return user == null ? r : r.header("Authorization", Tokens.bearer(user));
    }

    static ValidatableResponse createGallery(String user, String slug, String json) {
        return as(user).contentType(ContentType.JSON)
                .body(json)
                .post("/api/events/" + slug + "/galleries")
                .then();
    }

    static long gallery(String slug, String name, String visibility, String hoursJson) {
        return createGallery(
                        "organiser",
                        slug,
                        "{\"name\":\"" + name + "\",\"visibility\":\"" + visibility + "\",\"hours\":" + hoursJson + "}")
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    static ValidatableResponse createWork(String user, String slug, String json) {
        return as(user).contentType(ContentType.JSON)
                .body(json)
                .post("/api/events/" + slug + "/works")
                .then();
    }

    static long work(String slug, long gallery, String title, String artistSubject) {
        String artists = artistSubject == null
                ? "[]"
                : "[{\"name\":\"Nigar Aliyeva\",\"accountSubject\":\"" + artistSubject + "\"}]";
        return createWork(
                        "organiser",
                        slug,
                        "{\"galleryId\":" + gallery + ",\"title\":\"" + title + "\",\"artists\":" + artists
                                + ",\"year\":2025,\"medium\":\"Oil on canvas\"}")
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    static ValidatableResponse upload(String user, String slug, long work, String alt, String type, byte[] body) {
        return upload(user, slug, work, alt, type, as(user).contentType(type).body(body));
    }

    /** The body streamed without a length (chunked). */
    static ValidatableResponse upload(
            String user, String slug, long work, String alt, String type, java.io.InputStream body) {
        return upload(user, slug, work, alt, type, as(user).contentType(type).body(body));
    }

    private static ValidatableResponse upload(
            String user, String slug, long work, String alt, String type, RequestSpecification r) {
        if (alt != null) {
            r = r.queryParam("alt", alt);
        }
        return r.post("/api/events/" + slug + "/works/" + work + "/media").then();
    }

    static void curator(String slug, String subject) {
        as("organiser")
                .put("/api/events/" + slug + "/curators/" + subject)
                .then()
                .statusCode(200);
    }

    /** A published event curated by carol, with a published gallery and one work by frieda: where uploads go. */
    record Setup(String slug, long gallery, long work) {

        static Setup create(org.atrium.support.Fixtures fixtures) {
            org.atrium.event.Event event = fixtures.publishedEvent();
            curator(event.slug, "carol");
            long gallery = ExhibitionApi.gallery(event.slug, "Main hall", "PUBLISHED", "[]");
            return new Setup(event.slug, gallery, ExhibitionApi.work(event.slug, gallery, "Field", "frieda"));
        }

        String media(long id, String variant) {
            return "/api/events/" + slug + "/media/" + id + "/" + variant;
        }

        java.util.List<Object> mediaIds() {
            return as("organiser")
                    .get("/api/events/" + slug + "/works/" + work)
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("media.id");
        }
    }
}
