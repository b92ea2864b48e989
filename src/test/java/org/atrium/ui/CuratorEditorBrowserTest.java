package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The curator's editor in Chromium, at desktop width and on a phone: a curator creates a gallery with opening hours on
 * the event's clock, a work, and its image, whose alt text the form asks for before sending and whose refusal by the
 * server (a file the browser could not tell was an image) is shown next to the field; publishes the gallery, and a
 * visitor sees the work in the grid while a participant sees no editor control. An artist edits their own work only;
 * an organiser names and removes a curator. axe-core on every editor page at both sizes.
 */
@QuarkusTest
class CuratorEditorBrowserTest {

    private static final Pattern GALLERY_EDIT = Pattern.compile("#/events/[a-z0-9-]+/galleries/(\\d+)/edit");
    private static final Pattern WORK_EDIT = Pattern.compile("#/events/[a-z0-9-]+/works/(\\d+)/edit");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    private Event event() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event = fixtures.event(
                Fixtures.uniqueSlug("curate"), "Asia/Baku", today.minusDays(1), today.plusDays(400), true);
        fixtures.describe(event, "Unseen Lines", "A virtual exhibition.");
        given().header("Authorization", Tokens.bearer("organiser"))
                .put("/api/events/" + event.slug + "/curators/carol")
                .then()
                .statusCode(200);
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);
        fixtures.session(
                event,
                fixtures.room(event, "Main Stage", 100),
                "Opening of the exhibition",
                start,
                start.plus(1, ChronoUnit.HOURS));
        return event;
    }

    @Test
    void aCuratorBuildsAndPublishesAGalleryThatVisitorsThenSee() throws IOException {
        Event event = event();
        String slug = event.slug;
        Path image = Files.createTempFile("field-after-clearance", ".png");
        Files.write(image, ExhibitionBrowserTest.png(0x6b8e23));
        // the same PNG under a name the browser cannot type: only the server finds out it is an image
        Path unnamed = Files.createTempFile("scan", ".bin");
        Files.write(unnamed, ExhibitionBrowserTest.png(0x1b1b2f));
        DateTimeHours hours = DateTimeHours.aroundNowIn("Asia/Baku");
        List<String> found = new ArrayList<>();
        List<Long> galleries = new ArrayList<>();

        try (Browser carol = new Browser(base, "Europe/London")) {
            carol.open("#/events/" + slug + "/exhibition");
            carol.signIn("carol");
            for (boolean phone : new boolean[] {false, true}) {
                String size = phone ? "phone" : "desktop";
                if (phone) {
                    carol.phone();
                    carol.open("#/events/" + slug + "/exhibition");
                }
                carol.click(By.id("manage-exhibition"));
                carol.waitForRoute("#/events/" + slug + "/exhibition/edit");
                axe(carol, "exhibition editor " + size, found);
                assertThat(carol.text(By.cssSelector("#gallery-form legend")), containsString("Asia/Baku (GMT+4)"));

                // a gallery with an opening that ends before it starts: the server's refusal, in the form
                String name = "Traces: " + size;
                carol.type(By.cssSelector("#gallery-form [name=name]"), name);
                carol.type(
                        By.cssSelector("#gallery-form [name=statement]"),
                        "Land that was mined is never only land again.");
                carol.click(By.id("add-hours"));
                carol.setValue(By.cssSelector(".hours-row:nth-child(1) .hours-opens"), hours.closes());
                carol.setValue(By.cssSelector(".hours-row:nth-child(1) .hours-closes"), hours.opens());
                carol.click(By.id("save-gallery"));
                assertThat(
                        carol.text(By.id("gallery-status")), containsString("An opening must close after it opens."));
                assertThat(
                        carol.find(By.cssSelector(".hours-row:nth-child(1) .hours-opens"))
                                .getAttribute("aria-invalid"),
                        equalTo("true"));
                carol.screenshot("42-curator-hours-refused-" + size);

                // put right, with a second opening across midnight
                carol.setValue(By.cssSelector(".hours-row:nth-child(1) .hours-opens"), hours.opens());
                carol.setValue(By.cssSelector(".hours-row:nth-child(1) .hours-closes"), hours.closes());
                carol.click(By.id("add-hours"));
                carol.setValue(By.cssSelector(".hours-row:nth-child(2) .hours-opens"), "2027-05-12T22:00");
                carol.setValue(By.cssSelector(".hours-row:nth-child(2) .hours-closes"), "2027-05-13T02:00");
                // on the desktop, the programme's opening session opens the gallery (the programme links to it)
                if (!phone) {
                    carol.wait.until(d -> d.findElements(By.cssSelector("#opening-session option"))
                                    .size()
                            == 2);
                    new Select(carol.find(By.id("opening-session"))).selectByVisibleText("Opening of the exhibition");
                    carol.click(By.id("gallery-premoderation"));
                }
                carol.click(By.id("save-gallery"));
                long gallery = idOf(carol, GALLERY_EDIT);
                galleries.add(gallery);
                assertThat(carol.text(By.cssSelector("#main h1")), equalTo("Edit gallery: " + name));
                JsonPath stored = asOrganiser("/api/events/" + slug + "/galleries/" + gallery + "?tz=Asia/Baku");
                assertThat(
                        stored.getList("gallery.hours.eventOpens", String.class).stream()
                                .map(t -> t.substring(0, 16))
                                .toList(),
                        contains(hours.opens(), "2027-05-12T22:00"));
                assertThat(stored.getString("gallery.visibility"), equalTo("DRAFT"));
                assertThat(
                        stored.getString("gallery.openingSession.title"),
                        phone ? nullValue() : equalTo("Opening of the exhibition"));
                assertThat(stored.getBoolean("gallery.premoderation"), equalTo(!phone));

                // a work
                carol.click(By.id("add-work"));
                carol.waitForRoute("#/events/" + slug + "/galleries/" + gallery + "/works/new");
                carol.type(By.cssSelector("#work-form [name=title]"), "Field after clearance");
                carol.type(By.cssSelector("#work-form .artist-name"), "Elçin Şükürov");
                carol.type(By.cssSelector("#work-form [name=year]"), "2025");
                carol.type(By.cssSelector("#work-form [name=medium]"), "Oil on canvas");
                carol.type(By.cssSelector("#work-form [name=dimensions]"), "120 × 90 cm");
                carol.type(By.cssSelector("#work-form [name=description]"), "Green fields crossed by marker stakes.");
                carol.type(By.cssSelector("#work-form [name=credits]"), "Courtesy of the artist");
                carol.click(By.id("save-work"));
                long work = idOf(carol, WORK_EDIT);

                // an image without alt text is not sent: the form says why, next to the field
                carol.find(By.cssSelector("#media-form [name=file]"))
                        .sendKeys(image.toAbsolutePath().toString());
                carol.click(By.id("upload-media"));
                assertThat(
                        fieldError(carol, "alt"),
                        equalTo("Alt text is required for an image: describe what it shows."));
                assertThat(
                        carol.find(By.cssSelector("#media-form [name=alt]")).getAttribute("aria-invalid"),
                        equalTo("true"));
                assertThat(mediaOf(slug, work), empty());
                axe(carol, "work editor, alt text missing " + size, found);
                carol.screenshot("42-curator-alt-required-" + size);

                // a file the browser cannot recognise goes out without alt text: the server's refusal is shown
                carol.find(By.cssSelector("#media-form [name=file]")).clear();
                carol.find(By.cssSelector("#media-form [name=file]"))
                        .sendKeys(unnamed.toAbsolutePath().toString());
                carol.click(By.id("upload-media"));
                carol.wait.until(d -> fieldError(carol, "alt").startsWith("The server refused the file"));
                assertThat(fieldError(carol, "alt"), containsString("an image needs alt text"));
                assertThat(mediaOf(slug, work), empty());

                // with alt text it is stored, and its thumbnail shows with it
                carol.find(By.cssSelector("#media-form [name=file]")).clear();
                carol.find(By.cssSelector("#media-form [name=file]"))
                        .sendKeys(image.toAbsolutePath().toString());
                carol.type(By.cssSelector("#media-form [name=alt]"), "Green fields crossed by red-and-white stakes");
                carol.click(By.id("upload-media"));
                carol.wait.until(d -> {
                    var img = d.findElements(By.cssSelector("#media-list img.editor-thumb"));
                    return !img.isEmpty()
                            && String.valueOf(img.get(0).getAttribute("src")).startsWith("data:image/");
                });
                assertThat(
                        carol.find(By.cssSelector("#media-list img.editor-thumb"))
                                .getAttribute("alt"),
                        equalTo("Green fields crossed by red-and-white stakes"));
                assertThat(mediaOf(slug, work), hasSize(1));
                axe(carol, "work editor with an image " + size, found);
                carol.screenshot("42-curator-work-" + size);
                assertThat(carol.documentWidth(), lessThanOrEqualTo((long)
                        (phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH)));

                // publish the gallery
                carol.click(By.id("back-to-gallery"));
                carol.waitForRoute("#/events/" + slug + "/galleries/" + gallery + "/edit");
                carol.find(By.cssSelector("#work-list img.editor-thumb"));
                new org.openqa.selenium.support.ui.Select(carol.find(By.cssSelector("#gallery-form [name=visibility]")))
                        .selectByValue("PUBLISHED");
                carol.click(By.id("save-gallery"));
                carol.wait.until(d -> "PUBLISHED"
                        .equals(asOrganiser("/api/events/" + slug + "/galleries/" + gallery)
                                .getString("gallery.visibility")));
                carol.find(By.cssSelector("#main .badge-published"));
                axe(carol, "gallery editor " + size, found);
                carol.screenshot("42-curator-gallery-" + size);
                assertThat(carol.documentWidth(), lessThanOrEqualTo((long)
                        (phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH)));
                carol.open("#/events/" + slug + "/exhibition/edit");
                carol.find(By.cssSelector("#gallery-list [data-gallery='" + gallery + "']"));
                carol.screenshot("42-curator-exhibition-" + size);
            }

            // reorder with the keyboard: a second work (through the API), then "Move down" on the first
            long first = asOrganiser("/api/events/" + slug + "/galleries/" + galleries.get(0))
                    .getLong("works[0].id");
            long second = given().header("Authorization", Tokens.bearer("carol"))
                    .contentType(ContentType.JSON)
                    .body("{\"galleryId\":" + galleries.get(0) + ",\"position\":1,\"title\":\"Steps counted\"}")
                    .post("/api/events/" + slug + "/works")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            carol.desktop();
            carol.open("#/events/" + slug + "/galleries/" + galleries.get(0) + "/edit");
            carol.find(By.id("move-down-" + first)).sendKeys(org.openqa.selenium.Keys.ENTER);
            carol.wait.until(d -> List.of(String.valueOf(second), String.valueOf(first))
                    .equals(d.findElements(By.cssSelector("#work-list > li")).stream()
                            .map(li -> li.getAttribute("data-work"))
                            .toList()));
            // focus stays with the moved work (its "Move down" is now disabled, so on its "Move up")
            assertThat(carol.script("return document.activeElement.id;"), equalTo("move-up-" + first));
            assertThat(
                    asOrganiser("/api/events/" + slug + "/galleries/" + galleries.get(0))
                            .getList("works.id", Long.class),
                    contains(second, first));
            assertThat(carol.consoleErrors(), empty());
        }

        // a visitor (not signed in) sees the published work in the grid, with its alt text in the viewer
        try (Browser visitor = new Browser(base, "Europe/London")) {
            visitor.open("#/events/" + slug + "/galleries/" + galleries.get(1));
            visitor.find(By.cssSelector("#works .work-tile img"));
            assertThat(visitor.text(By.cssSelector("#works .work-title")), equalTo("Field after clearance"));
            assertThat(visitor.driver.findElements(By.cssSelector(".edit-work, #edit-gallery")), empty());
            visitor.click(By.cssSelector("#works .work-tile"));
            assertThat(
                    visitor.find(By.cssSelector("#work-viewer .work-image")).getAttribute("alt"),
                    equalTo("Green fields crossed by red-and-white stakes"));
            visitor.screenshot("42-visitor-sees-the-work");
        }

        // a confirmed participant sees no editor control, and the editor's address shows them none either
        try (Browser alice = new Browser(base, "Europe/London")) {
            alice.open("#/events/" + slug + "/exhibition");
            alice.signIn("alice");
            alice.find(By.cssSelector("#galleries .card"));
            assertThat(alice.driver.findElements(By.id("manage-exhibition")), empty());
            alice.open("#/events/" + slug + "/galleries/" + galleries.get(0));
            alice.find(By.cssSelector("#works .work-tile"));
            assertThat(alice.driver.findElements(By.cssSelector(".edit-work, #edit-gallery")), empty());
            alice.click(By.cssSelector("#works .work-tile"));
            alice.find(By.id("work-title"));
            assertThat(alice.driver.findElements(By.cssSelector(".edit-work")), empty());
            for (String page : List.of(
                    "/exhibition/edit",
                    "/galleries/" + galleries.get(0) + "/edit",
                    "/works/"
                            + asOrganiser("/api/events/" + slug + "/galleries/" + galleries.get(0))
                                    .getLong("works[0].id")
                            + "/edit")) {
                alice.open("#/events/" + slug + page);
                assertThat(alice.text(By.cssSelector("#main .notice")), containsString("curators"));
                assertThat(page, alice.driver.findElements(By.cssSelector("#main form, #main button")), empty());
            }
        }
        assertThat(String.join("\n", found), found, empty());
    }

    @Test
    void anArtistEditsTheirOwnWorkAndAnOrganiserNamesCurators() throws IOException {
        Event event = event();
        String slug = event.slug;
        long gallery = given().header("Authorization", Tokens.bearer("carol"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Main hall\",\"visibility\":\"PUBLISHED\"}")
                .post("/api/events/" + slug + "/galleries")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        long theirs =
                work(slug, gallery, 0, "Letters home", "[{\"name\":\"Babak Mammadov\",\"accountSubject\":\"bob\"}]");
        long other = work(slug, gallery, 1, "Map of absences", "[{\"name\":\"Nigar Aliyeva\"}]");
        List<String> found = new ArrayList<>();
        Path pdf = Files.createTempFile("letters", ".pdf");
        Files.writeString(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        // a curator prepares the exhibition of an event that is still a draft (the event itself is its organisers')
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("curate-draft"),
                "Asia/Baku",
                LocalDate.of(2027, 5, 12),
                LocalDate.of(2027, 5, 13),
                false);
        given().header("Authorization", Tokens.bearer("organiser"))
                .put("/api/events/" + draft.slug + "/curators/carol")
                .then()
                .statusCode(200);
        try (Browser carol = new Browser(base, "Europe/London")) {
            carol.open("#/events/" + draft.slug + "/exhibition/edit");
            carol.signIn("carol");
            assertThat(carol.text(By.cssSelector("#main h1")), startsWith("Manage the exhibition: "));
            assertThat(carol.text(By.cssSelector("#main .notice")), containsString("The event is a draft"));
            assertThat(carol.text(By.cssSelector("#gallery-form legend")), containsString("Asia/Baku (GMT+4)"));
            carol.type(By.cssSelector("#gallery-form [name=name]"), "Prepared in advance");
            carol.click(By.id("save-gallery"));
            idOf(carol, GALLERY_EDIT);
            assertThat(carol.text(By.cssSelector("#main h1")), equalTo("Edit gallery: Prepared in advance"));
        }

        try (Browser bob = new Browser(base, "Asia/Baku")) {
            bob.open("#/events/" + slug + "/galleries/" + gallery);
            bob.signIn("bob");
            bob.find(By.cssSelector("#works .work-tile"));
            assertThat(
                    bob.driver.findElements(By.cssSelector(".edit-work")).stream()
                            .map(e -> e.getAttribute("data-work"))
                            .toList(),
                    contains(String.valueOf(theirs)));
            assertThat(bob.driver.findElements(By.cssSelector("#edit-gallery")), empty());
            bob.click(By.cssSelector(".edit-work[data-work='" + theirs + "']"));
            bob.waitForRoute("#/events/" + slug + "/works/" + theirs + "/edit");
            // the artist's form: no gallery, order or artists to change
            assertThat(bob.driver.findElements(By.cssSelector("#work-form [name=galleryId], #artist-rows")), empty());
            // an artist adds a document to their work: no alt text is asked of a PDF
            bob.find(By.cssSelector("#media-form [name=file]"))
                    .sendKeys(pdf.toAbsolutePath().toString());
            bob.click(By.id("upload-media"));
            assertThat(bob.text(By.cssSelector("#media-list li")), containsString("Document (PDF) · application/pdf"));
            assertThat(
                    asOrganiser("/api/events/" + slug + "/works/" + theirs).getList("media.kind"),
                    contains("DOCUMENT"));
            bob.type(By.cssSelector("#work-form [name=description]"), "Written in 1994, read in 2026.");
            bob.click(By.id("save-work"));
            bob.wait.until(d -> "Written in 1994, read in 2026."
                    .equals(asOrganiser("/api/events/" + slug + "/works/" + theirs)
                            .getString("description")));
            axe(bob, "artist's work editor", found);
            bob.screenshot("42-artist-work-editor");
            bob.open("#/events/" + slug + "/works/" + other + "/edit");
            assertThat(bob.text(By.cssSelector("#main .notice")), containsString("Only this work’s artists"));
            assertThat(bob.driver.findElements(By.id("work-form")), empty());
        }

        try (Browser organiser = new Browser(base, "Europe/Zurich")) {
            organiser.open("#/events/" + slug + "/exhibition/edit");
            organiser.signIn("organiser");
            organiser.find(By.cssSelector("#curator-list [data-subject='carol']"));
            organiser.type(By.cssSelector("#curator-subject-form [name=subject]"), "ghost-curator");
            organiser.click(By.cssSelector("#curator-subject-form button[type=submit]"));
            assertThat(
                    organiser.text(By.cssSelector("#curator-list [data-subject='ghost-curator']")),
                    startsWith("ghost-curator (has not signed in yet)"));
            assertThat(curators(slug), contains("carol", "ghost-curator"));
            axe(organiser, "exhibition editor as organiser", found);
            organiser.click(By.cssSelector("#curator-list [data-subject='ghost-curator'] button"));
            organiser.wait.until(ExpectedConditions.alertIsPresent()).accept();
            organiser.wait.until(d -> d.findElements(By.cssSelector("#curator-list [data-subject='ghost-curator']"))
                    .isEmpty());
            assertThat(curators(slug), contains("carol"));
            // deleting a gallery asks first
            organiser.click(By.cssSelector("#gallery-list [data-gallery='" + gallery + "'] button.danger"));
            var confirm = organiser.wait.until(ExpectedConditions.alertIsPresent());
            assertThat(confirm.getText(), containsString("Delete the gallery “Main hall” with its 2 works"));
            confirm.dismiss();
            given().get("/api/events/" + slug + "/galleries/" + gallery).then().statusCode(200);
            organiser.click(By.cssSelector("#gallery-list [data-gallery='" + gallery + "'] button.danger"));
            organiser.wait.until(ExpectedConditions.alertIsPresent()).accept();
            organiser.find(By.cssSelector("p#gallery-list.empty"));
            given().get("/api/events/" + slug + "/galleries/" + gallery).then().statusCode(404);
        }
        assertThat(String.join("\n", found), found, empty());
    }

    /** An opening from an hour ago to an hour from now, on the wall clock of {@code zone}, as the form takes it. */
    record DateTimeHours(String opens, String closes) {
        static DateTimeHours aroundNowIn(String zone) {
            LocalDateTime now = LocalDateTime.now(ZoneId.of(zone)).truncatedTo(ChronoUnit.MINUTES);
            return new DateTimeHours(
                    now.minusHours(1).toString(), now.plusHours(1).toString());
        }
    }

    private static long work(String slug, long gallery, int position, String title, String artists) {
        return given().header("Authorization", Tokens.bearer("carol"))
                .contentType(ContentType.JSON)
                .body("{\"galleryId\":" + gallery + ",\"position\":" + position + ",\"title\":\"" + title
                        + "\",\"artists\":" + artists + "}")
                .post("/api/events/" + slug + "/works")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static JsonPath asOrganiser(String path) {
        return given().header("Authorization", Tokens.bearer("organiser"))
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<Object> mediaOf(String slug, long work) {
        return asOrganiser("/api/events/" + slug + "/works/" + work).getList("media");
    }

    private static List<String> curators(String slug) {
        return asOrganiser("/api/events/" + slug + "/curators").getList("$", String.class);
    }

    private static String fieldError(Browser b, String name) {
        return b.text(By.xpath("//form[@id='media-form']//*[@name='" + name
                + "']/ancestor::div[contains(@class, 'field')]//*[contains(@class, 'field-error')]"));
    }

    /** The id in the route the page moved to (a created gallery's or work's editor). */
    private static long idOf(Browser b, Pattern route) {
        String hash = b.wait.until(d -> {
            String r = d.findElement(By.tagName("body")).getAttribute("data-route");
            return r != null && route.matcher(r).matches() ? r : null;
        });
        Matcher m = route.matcher(hash);
        m.matches();
        return Long.parseLong(m.group(1));
    }

    /** axe-core on the page as it is, at the size it is shown. */
    private static void axe(Browser b, String page, List<String> found) {
        b.find(By.cssSelector("#main h1"));
        for (String v : b.axeViolations()) {
            found.add(page + ": " + v);
        }
    }
}
