package org.atrium.exhibition;

import static io.restassured.RestAssured.given;
import static org.atrium.exhibition.ExhibitionApi.gallery;
import static org.atrium.exhibition.ExhibitionApi.upload;
import static org.atrium.exhibition.ExhibitionApi.work;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/** The exhibition in the event's calendar feed, in the public JSON for other sites, and in the OpenAPI document. */
@QuarkusTest
class ExhibitionFeedsTest {

    @Inject
    Fixtures fixtures;

    @Test
    void theCalendarFeedCarriesTheListedGalleriesHours() {
        Event event = fixtures.publishedEvent();
        String slug = event.slug;
        // read once before the galleries exist: the kept rendering must be dropped when they are added
        given().get("/api/events/" + slug + "/calendar.ics").then().statusCode(200);
        long hall = gallery(
                slug, "Main hall", "PUBLISHED", "[{\"opens\":\"2027-05-12T10:00\",\"closes\":\"2027-05-12T18:00\"}]");
        gallery(slug, "Archive", "REGISTERED", "[{\"opens\":\"2027-05-13T10:00\",\"closes\":\"2027-05-13T12:00\"}]");
        gallery(slug, "Storage", "DRAFT", "[{\"opens\":\"2027-05-13T14:00\",\"closes\":\"2027-05-13T15:00\"}]");
        String ics = given().get("/api/events/" + slug + "/calendar.ics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .replace("\r\n ", "");
        // 10:00 in Baku (UTC+4) is 06:00 UTC
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("SUMMARY:Main hall (exhibition open)"));
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("DTSTART:20270512T060000Z"));
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("DTEND:20270512T140000Z"));
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("/events/" + slug + "/galleries/" + hall));
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("SUMMARY:Archive (exhibition open)"));
        org.hamcrest.MatcherAssert.assertThat(ics, not(containsString("Storage")));
        // the page link leads to the browser UI's gallery
        given().redirects()
                .follow(false)
                .get("/events/" + slug + "/galleries/" + hall)
                .then()
                .statusCode(303)
                .header("Location", containsString("/#/events/" + slug + "/galleries/" + hall));
    }

    @Test
    void thePublicJsonHasThePublishedGalleriesOnly() {
        Event event = fixtures.publishedEvent();
        String slug = event.slug;
        long hall = gallery(
                slug, "Main hall", "PUBLISHED", "[{\"opens\":\"2027-05-12T10:00\",\"closes\":\"2027-05-12T18:00\"}]");
        gallery(slug, "Archive", "REGISTERED", "[]");
        gallery(slug, "Storage", "DRAFT", "[]");
        long w = work(slug, hall, "Field", null);
        upload("organiser", slug, w, "A field", "image/jpeg", HostileFiles.jpeg(400, 300))
                .statusCode(201);
        given().get("/api/events/" + slug + "/exhibition.json")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("galleries.gallery.name", contains("Main hall"))
                .body("galleries[0].gallery.hours[0].opens", equalTo("2027-05-12T10:00:00+04:00"))
                .body("galleries[0].works.title", contains("Field"))
                .body("galleries[0].works[0].media[0].alt", equalTo("A field"))
                .body("galleries[0].works[0].media[0].urls.thumb", startsWith("http"));
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"),
                "Asia/Baku",
                java.time.LocalDate.of(2027, 5, 12),
                java.time.LocalDate.of(2027, 5, 13),
                false);
        given().get("/api/events/" + draft.slug + "/exhibition.json").then().statusCode(404);
    }

    @Test
    void worksAreInTheOpenApiDocument() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/events/{slug}/works'.post.responses.'201'.description", equalTo("Created"))
                .body(
                        "paths.'/api/events/{slug}/works/{id}/media'.post.parameters.name",
                        org.hamcrest.Matchers.hasItem("alt"))
                .body("components.schemas.WorkView.properties.contentWarning.type", equalTo("string"))
                .body("paths.'/api/events/{slug}/exhibition.json'.get", org.hamcrest.Matchers.notNullValue());
    }
}
