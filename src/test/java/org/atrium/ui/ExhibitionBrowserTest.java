package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The exhibition in Chromium: opening hours as a visitor in Baku and one in London read them (the browser's own zone,
 * emulated), a gallery walked through with the keyboard (arrows, Escape, focus back on the work's tile), a content
 * warning clicked through before the image shows, zoom, and axe-core on the exhibition and gallery pages; a work's
 * guestbook approved by a curator reaching another visitor live.
 */
@QuarkusTest
class ExhibitionBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    record Exhibition(String slug, long gallery, List<Long> works) {}

    /**
     * A published event in Baku; its main hall is open now and again on 12 May 2027 from 02:00 to 10:00 Baku time
     * (in London: 11 May 23:00 to 12 May 07:00); three works, the second with a content warning.
     */
    Exhibition exhibition() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event = fixtures.event(
                Fixtures.uniqueSlug("gallery"), "Asia/Baku", today.minusDays(1), today.plusDays(400), true);
        fixtures.describe(event, "Unseen Lines", "A virtual exhibition.");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String slug = event.slug;
        long gallery = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Traces: main hall\",\"statement\":\"Land that was mined is never only land again.\","
                        + "\"visibility\":\"PUBLISHED\",\"premoderation\":true,"
                        + "\"hours\":[{\"opens\":\"" + now.minusSeconds(3600)
                        + "\",\"closes\":\"" + now.plusSeconds(3600) + "\"},{\"opens\":\"2027-05-12T02:00\","
                        + "\"closes\":\"2027-05-12T10:00\"}]}")
                .post("/api/events/" + slug + "/galleries")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String[][] works = {
            {"Field after clearance", "", "Green fields crossed by red-and-white marker stakes", "6b8e23"},
            {"Steps counted", "Refers to injuries caused by landmines.", "Outlines of a prosthetic leg", "1b1b2f"},
            {"Map of absences", "", "A grid of cream, brown and black squares", "8b5a2b"}
        };
        List<Long> ids = new ArrayList<>();
        for (String[] w : works) {
            String warning = w[1].isEmpty() ? "null" : "\"" + w[1] + "\"";
            long id = given().header("Authorization", Tokens.bearer("organiser"))
                    .contentType(ContentType.JSON)
                    .body("{\"galleryId\":" + gallery + ",\"position\":" + ids.size() + ",\"title\":\"" + w[0]
                            + "\",\"artists\":[{\"name\":\"Elçin Şükürov\"}],\"year\":2025,\"medium\":\"Oil on canvas\","
                            + "\"description\":\"A work of the exhibition.\",\"contentWarning\":" + warning + "}")
                    .post("/api/events/" + slug + "/works")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            given().header("Authorization", Tokens.bearer("organiser"))
                    .contentType("image/png")
                    .queryParam("alt", w[2])
                    .body(png(Integer.parseInt(w[3], 16)))
                    .post("/api/events/" + slug + "/works/" + id + "/media")
                    .then()
                    .statusCode(201);
            ids.add(id);
        }
        return new Exhibition(slug, gallery, ids);
    }

    static byte[] png(int rgb) throws IOException {
        BufferedImage image = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(0, 0, 900, 600);
        g.setColor(new Color(0xf1c40f));
        g.fillOval(300, 150, 300, 300);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static List<String> hours(Browser b) {
        return (List<String>)
                b.script("return [...document.querySelectorAll('.gallery-hours li')].map(li => li.textContent);");
    }

    @Test
    void bakuAndLondonSeeTheHoursOnTheirOwnClocks() throws IOException {
        Exhibition x = exhibition();
        String page = "#/events/" + x.slug() + "/galleries/" + x.gallery();
        List<String> found = new ArrayList<>();
        try (Browser baku = new Browser(base, "Asia/Baku");
                Browser london = new Browser(base, "Europe/London")) {
            baku.open(page);
            baku.find(By.cssSelector(".gallery-hours"));
            assertThat(baku.text(By.id("gallery-zone")), containsString("Asia/Baku"));
            assertThat(hours(baku).get(1), equalTo("Wed 12 May 02:00–10:00"));
            assertThat(baku.text(By.cssSelector(".open-now")), equalTo("open now"));

            london.open(page);
            london.find(By.cssSelector(".gallery-hours"));
            assertThat(london.text(By.id("gallery-zone")), containsString("Europe/London"));
            // a day earlier on the London clock, across midnight, with the event's own date beside it
            assertThat(
                    hours(london).get(1),
                    equalTo("Tue 11 May 23:00 – Wed 12 May 07:00 (Wed 12 May 02:00 in Asia/Baku: a day earlier for"
                            + " you)"));
            london.screenshot("exhibition-gallery-london");

            london.open("#/events/" + x.slug() + "/exhibition");
            london.find(By.cssSelector("#galleries .card"));
            assertThat(london.text(By.cssSelector("#galleries .open-now")), equalTo("open now"));
            for (String v : london.axeViolations()) {
                found.add("exhibition: " + v);
            }
            london.screenshot("exhibition-list-london");
        }
        assertThat(found, empty());
    }

    @Test
    void aVisitorWalksTheGalleryWithTheKeyboard() throws IOException {
        Exhibition x = exhibition();
        List<String> found = new ArrayList<>();
        try (Browser b = new Browser(base, "Europe/London")) {
            b.open("#/events/" + x.slug() + "/galleries/" + x.gallery());
            b.find(By.id("work-tile-" + x.works().get(0)));
            // the tile of the warned work shows the warning, not the image
            assertThat(
                    b.driver.findElements(
                            By.cssSelector("#work-tile-" + x.works().get(1) + " img")),
                    empty());
            for (String v : b.axeViolations()) {
                found.add("grid: " + v);
            }
            b.screenshot("exhibition-grid");

            // Enter on the first tile opens the viewer with focus on the work's title
            b.find(By.id("work-tile-" + x.works().get(0))).sendKeys(Keys.ENTER);
            b.wait.until(ExpectedConditions.textToBe(By.id("work-title"), "Field after clearance"));
            assertThat(activeId(b), equalTo("work-title"));
            b.wait.until(d ->
                    d.findElement(By.cssSelector("#work-viewer .work-image")).getAttribute("src") != null
                            && !d.findElement(By.cssSelector("#work-viewer .work-image"))
                                    .getAttribute("src")
                                    .isEmpty());
            assertThat(
                    b.find(By.cssSelector("#work-viewer .work-image")).getAttribute("alt"),
                    equalTo("Green fields crossed by red-and-white marker stakes"));

            // zoom shows the large size
            b.click(By.cssSelector("#work-viewer .zoom"));
            b.wait.until(d -> d.findElement(By.cssSelector("#work-viewer .work-image"))
                    .getAttribute("src")
                    .endsWith("/large"));
            assertThat(b.find(By.cssSelector("#work-viewer .zoom")).getAttribute("aria-pressed"), equalTo("true"));
            b.script("document.getElementById('work-title').focus();");

            // right arrow: the warned work, its warning first and no image until the visitor asks
            b.driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
            b.wait.until(ExpectedConditions.textToBe(By.id("work-title"), "Steps counted"));
            assertThat(b.text(By.id("content-warning")), containsString("Refers to injuries caused by landmines."));
            assertThat(b.driver.findElements(By.cssSelector("#work-viewer img")), empty());
            assertThat(activeId(b), equalTo("reveal-work"));
            for (String v : b.axeViolations()) {
                found.add("content warning: " + v);
            }
            b.screenshot("exhibition-content-warning");
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.find(By.cssSelector("#work-viewer .work-image"));
            assertThat(
                    b.find(By.cssSelector("#work-viewer .work-image")).getAttribute("alt"),
                    equalTo("Outlines of a prosthetic leg"));

            // on to the third, then round to the first, and back with the left arrow
            b.script("document.getElementById('work-title').focus();");
            b.driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
            b.wait.until(ExpectedConditions.textToBe(By.id("work-title"), "Map of absences"));
            assertThat(b.text(By.id("work-position")), equalTo("Work 3 of 3"));
            b.driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
            b.wait.until(ExpectedConditions.textToBe(By.id("work-title"), "Field after clearance"));
            b.driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
            b.wait.until(ExpectedConditions.textToBe(By.id("work-title"), "Map of absences"));
            // once revealed, the warned work stays revealed while the visitor is in the gallery
            b.driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
            b.wait.until(ExpectedConditions.textToBe(By.id("work-title"), "Steps counted"));
            assertThat(b.driver.findElements(By.id("content-warning")), empty());
            for (String v : b.axeViolations()) {
                found.add("viewer: " + v);
            }
            b.screenshot("exhibition-viewer");

            // Escape closes the viewer and puts focus back on the tile of the work that was open
            b.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            b.wait.until(d -> !d.findElement(By.id("work-viewer")).isDisplayed());
            assertThat(activeId(b), equalTo("work-tile-" + x.works().get(1)));
            assertThat(b.consoleErrors(), empty());
        }
        assertThat(found, empty());
        copyToDocs("exhibition-viewer", "exhibition-content-warning", "exhibition-gallery-london");
    }

    /**
     * A work's guestbook, live: bob (a socket client) writes an anonymous entry, which waits for approval; alice, a
     * visitor on a phone, does not see it, writes her own (shown to her as awaiting approval) and sees "3 people
     * here"; carol, a curator, sees both in place, approves bob's, and it appears on alice's page without a reload,
     * still anonymous. Arrows typed in the guestbook stay in the text; reactions reach the other visitor.
     */
    @Test
    void aGuestbookEntryApprovedByTheCuratorAppearsForAnotherVisitorLive() throws IOException {
        Exhibition x = exhibition();
        given().header("Authorization", Tokens.bearer("organiser"))
                .put("/api/events/" + x.slug() + "/curators/carol")
                .then()
                .statusCode(200);
        long work = x.works().get(0);
        String page = "#/events/" + x.slug() + "/galleries/" + x.gallery() + "?work=" + work;
        List<String> found = new ArrayList<>();
        try (Browser alice = new Browser(base, "Europe/London");
                Browser carol = new Browser(base, "Asia/Baku");
                org.atrium.live.LiveClient bob =
                        org.atrium.live.LiveClient.connect(base.toURI(), "/live/works/" + work, "bob")) {
            bob.next("snapshot");
            bob.send("{\"type\":\"question.ask\",\"ref\":\"b-1\",\"text\":\"I walked that field as a child\","
                    + "\"anonymous\":true}");
            assertThat(bob.next().path("type").asText(), equalTo("ack"));

            alice.signIn("alice").phone().open(page);
            alice.wait.until(ExpectedConditions.textToBe(By.id("work-title"), "Field after clearance"));
            carol.signIn("carol").open(page);
            alice.wait.until(ExpectedConditions.textToBe(By.id("work-presence"), "3 people here"));
            assertThat(alice.text(By.id("guestbook-entries")), containsString("No entries yet"));

            // alice writes; the arrows she types move the caret, not the viewer
            alice.type(By.id("guestbook-text"), "The stakes look like flowers");
            alice.find(By.id("guestbook-text")).sendKeys(Keys.ARROW_LEFT, Keys.ARROW_RIGHT);
            assertThat(alice.text(By.id("work-title")), equalTo("Field after clearance"));
            alice.click(By.id("guestbook-send"));
            alice.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("guestbook-mine"), "The stakes look like flowers"));
            assertThat(alice.text(By.id("guestbook-mine")), containsString("awaiting approval"));
            assertThat(alice.text(By.id("guestbook-entries")), containsString("No entries yet"));
            assertThat(alice.documentWidth() <= Browser.PHONE_WIDTH, equalTo(true));
            alice.screenshot("exhibition-guestbook-pending-phone");

            // the curator sees both entries waiting, bob's without his name, and approves his in place
            carol.wait.until(
                    d -> d.findElements(By.cssSelector("#guestbook-pending li")).size() == 2);
            assertThat(carol.text(By.id("guestbook-pending")), containsString("Anonymous"));
            assertThat(carol.text(By.id("guestbook-pending")), containsString("I walked that field as a child"));
            for (String v : carol.axeViolations()) {
                found.add("curator's guestbook: " + v);
            }
            carol.screenshot("exhibition-guestbook-curator");
            carol.click(By.cssSelector("#guestbook-pending li:first-child button[data-action='question.approve']"));

            alice.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("guestbook-entries"), "I walked that field as a child"));
            assertThat(alice.text(By.id("guestbook-entries")), containsString("Anonymous"));
            assertThat(alice.text(By.id("guestbook-entries")), org.hamcrest.Matchers.not(containsString("Bob")));
            assertThat(alice.text(By.id("guestbook-mine")), containsString("The stakes look like flowers"));
            carol.wait.until(
                    d -> d.findElements(By.cssSelector("#guestbook-pending li")).size() == 1);

            // the curator replies in place; the reply reaches the visitor under the entry
            carol.type(By.cssSelector("#guestbook-entries input[data-key^='reply-']"), "Thank you for sharing this");
            carol.find(By.cssSelector("#guestbook-entries input[data-key^='reply-']"))
                    .sendKeys(Keys.ENTER);
            alice.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#guestbook-entries .replies"), "Thank you for sharing this"));

            // a reaction from alice reaches the curator's page
            alice.click(By.cssSelector("#guestbook .reaction[data-reaction='heart']"));
            carol.wait.until(d -> !d.findElements(By.cssSelector("#work-reactions [data-reaction='heart']"))
                    .isEmpty());
            for (String v : alice.axeViolations()) {
                found.add("visitor's guestbook: " + v);
            }
            alice.screenshot("exhibition-guestbook-phone");
            assertThat(alice.consoleErrors(), empty());
            assertThat(carol.consoleErrors(), empty());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(found, empty());
        copyToDocs("exhibition-guestbook-phone");
    }

    private static String activeId(Browser b) {
        return (String) b.script("return document.activeElement && document.activeElement.id;");
    }

    /** The screenshots the exhibition's doc shows, refreshed from this run. */
    private static void copyToDocs(String... names) throws IOException {
        Path docs = Path.of("src", "docs", "img");
        if (!Files.isDirectory(docs)) {
            return;
        }
        for (String name : names) {
            Path shot = Browser.SCREENSHOTS.resolve(name + ".png");
            if (Files.exists(shot)) {
                Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
