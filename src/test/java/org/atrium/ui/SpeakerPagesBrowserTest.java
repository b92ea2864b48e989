package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Track;
import org.atrium.schedule.Venue;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Speaker pages and a session's detail page as people see them, at desktop and phone size, from London while the
 * event is in Baku: the photo (uploaded through the page by the speaker themself), biography, links and sessions;
 * the abstract, speakers, track, language, room, a multi-day session's end date, and a calendar file whose times are
 * the right instants.
 */
@QuarkusTest
class SpeakerPagesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    String slug;
    long speakerId;
    long openingId;
    long exhibitionId;

    @BeforeEach
    void programme() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("spk"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 14), true);
        slug = event.slug;
        Venue stage = fixtures.room(event, "Main Stage", 300);
        Venue gallery = fixtures.room(event, "Gallery", 50);
        Track track = fixtures.track(event, "Mine action", "#b3261e");
        ConferenceSession opening = fixtures.session(
                event,
                stage,
                "Opening: the humanitarian impact of landmines",
                Instant.parse("2027-05-12T11:00:00Z"),
                Instant.parse("2027-05-12T12:00:00Z"));
        ConferenceSession exhibition = fixtures.session(
                event,
                gallery,
                "Exhibition: fields after the war",
                Instant.parse("2027-05-12T04:54:00Z"),
                Instant.parse("2027-05-14T16:00:00Z"));
        openingId = opening.id;
        exhibitionId = exhibition.id;
        Speaker aynur = fixtures.speaker(event, "Aynur Məmmədova", "speaker");
        speakerId = aynur.id;
        fixtures.addSpeaker(opening, aynur, SessionSpeaker.Role.SPEAKER);
        fixtures.addSpeaker(exhibition, aynur, SessionSpeaker.Role.MODERATOR);
        QuarkusTransaction.requiringNew().run(() -> {
            Speaker s = Speaker.findById(speakerId);
            s.bio = "Mine-action researcher in Baku.\nTwenty years of survey work.";
            s.affiliation = "ANAMA";
            s.country = "AZ";
            s.accountEmail = "aynur@example.org";
            s.links.add(new Speaker.Link("Website", "https://aynur.example.org"));
            s.links.add(new Speaker.Link(null, "https://social.example.org/@aynur"));
            ConferenceSession o = ConferenceSession.findById(openingId);
            o.summary = "Why landmines still shape daily life, decades after the fighting stopped.";
            o.language = "az";
            o.track = Track.findById(track.id);
        });
    }

    static Path photoFile() throws IOException {
        BufferedImage img = new BufferedImage(1800, 1200, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(180, 120, 60));
        g.fillRect(0, 0, 1800, 1200);
        g.dispose();
        Path file = Files.createTempFile("atrium-photo", ".jpg");
        ImageIO.write(img, "jpeg", file.toFile());
        return file;
    }

    @SuppressWarnings("unchecked")
    static List<String> texts(Browser b, String css) {
        return (List<String>)
                b.script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim());", css);
    }

    static long overflow(Browser b) {
        return ((Number)
                        b.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                .longValue();
    }

    @Test
    void theSpeakerUploadsTheirPhotoAndEveryoneSeesTheirPage() throws IOException {
        String page = "#/events/" + slug + "/speakers/" + speakerId;
        try (Browser aynur = new Browser(base, "Europe/London")) {
            aynur.open(page);
            assertThat(aynur.text(By.cssSelector("#main h1")), equalTo("Aynur Məmmədova"));
            assertThat(aynur.driver.findElements(By.id("photo-choose")), empty()); // not signed in: no controls
            aynur.signIn("speaker");
            aynur.find(By.id("photo-choose"));
            aynur.driver.findElement(By.id("photo-file")).sendKeys(photoFile().toString());
            assertThat(aynur.text(By.cssSelector("#photo-status .notice")), equalTo("Photo saved."));
            String src = aynur.find(By.id("speaker-photo-img")).getAttribute("src");
            assertThat(src, matchesPattern(".*/api/events/" + slug + "/speakers/" + speakerId + "/photo\\?v=\\d+"));
            aynur.wait.until(
                    d -> ((Number) aynur.script("return document.getElementById('speaker-photo-img').naturalWidth;"))
                                    .intValue()
                            == 1024);
            assertThat(aynur.consoleErrors(), empty());
        }

        try (Browser visitor = new Browser(base, "Europe/London")) {
            visitor.open(page);
            assertThat(visitor.text(By.cssSelector("#main h1")), equalTo("Aynur Məmmədova"));
            visitor.wait.until(d -> ((Number)
                                    visitor.script(
                                            "const i = document.getElementById('speaker-photo-img'); return i && i.complete ? i.naturalHeight : 0;"))
                            .intValue()
                    == 683);
            assertThat(visitor.text(By.id("speaker-affiliation")), equalTo("ANAMA · Azerbaijan"));
            assertThat(
                    visitor.text(By.id("speaker-bio")),
                    equalTo("Mine-action researcher in Baku.\nTwenty years of survey work."));
            assertThat(texts(visitor, "#speaker-links a"), contains("Website", "social.example.org"));
            assertThat(
                    texts(visitor, "#speaker-sessions .meta time"),
                    contains("Wed 12 May 05:54 – Fri 14 May 17:00", "Wed 12 May 12:00–13:00"));
            assertThat(
                    texts(visitor, "#speaker-sessions li > a"),
                    contains("Exhibition: fields after the war", "Opening: the humanitarian impact of landmines"));
            String html = (String) visitor.script("return document.getElementById('main').innerHTML;");
            assertThat(html.contains("aynur@example.org"), equalTo(false)); // the account e-mail stays private
            assertThat(visitor.driver.findElements(By.id("photo-choose")), empty());
            visitor.screenshot("60-speaker-page");

            visitor.driver.manage().window().setSize(new Dimension(390, 844));
            visitor.open("#/events/" + slug + "/speakers");
            assertThat(texts(visitor, "#speaker-list h2"), contains("Aynur Məmmədova"));
            visitor.click(By.linkText("Aynur Məmmədova"));
            visitor.waitForRoute(page);
            visitor.find(By.id("speaker-photo-img"));
            assertThat(overflow(visitor), lessThanOrEqualTo(0L));
            visitor.screenshot("61-speaker-page-phone");
            assertThat(visitor.consoleErrors(), empty());
        }
    }

    @Test
    void aSessionsDetailSaysEverythingAndGoesToTheCalendar() {
        try (Browser london = new Browser(base, "Europe/London")) {
            london.open("#/events/" + slug + "/programme");
            london.click(By.linkText("Opening: the humanitarian impact of landmines"));
            String about = "#/events/" + slug + "/sessions/" + openingId + "/about";
            london.waitForRoute(about);
            assertThat(
                    london.text(By.cssSelector("#main h1")), equalTo("Opening: the humanitarian impact of landmines"));
            assertThat(london.text(By.cssSelector(".session-when")), equalTo("Wed 12 May 12:00–13:00"));
            assertThat(
                    london.text(By.cssSelector(".event-when")), containsString("Wed 12 May 15:00–16:00 (Asia/Baku)"));
            assertThat(
                    london.text(By.id("session-abstract")),
                    equalTo("Why landmines still shape daily life, decades after the fighting stopped."));
            assertThat(london.text(By.id("fact-track")), equalTo("Mine action"));
            assertThat(london.text(By.id("fact-language")), equalTo("Azerbaijani"));
            assertThat(london.text(By.id("fact-room")), equalTo("Main Stage"));
            assertThat(
                    london.find(By.id("add-to-calendar")).getAttribute("href"),
                    equalTo(base + "api/events/" + slug + "/sessions/" + openingId + "/calendar.ics"));
            String ics = (String) london.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " fetch(document.getElementById('add-to-calendar').href).then(r => r.text()).then(done);");
            assertThat(ics, containsString("DTSTART:20270512T110000Z"));
            assertThat(ics, containsString("DTEND:20270512T120000Z"));
            assertThat(ics, containsString("SUMMARY:Opening: the humanitarian impact of landmines"));
            london.screenshot("62-session-detail");

            london.click(By.linkText("Aynur Məmmədova"));
            london.waitForRoute("#/events/" + slug + "/speakers/" + speakerId);
            assertThat(london.text(By.cssSelector("#main h1")), equalTo("Aynur Məmmədova"));

            // a session over three days shows where it ends, in the viewer's zone and the event's
            london.driver.manage().window().setSize(new Dimension(390, 844));
            london.open("#/events/" + slug + "/sessions/" + exhibitionId + "/about");
            assertThat(london.text(By.cssSelector(".session-when")), equalTo("Wed 12 May 05:54 – Fri 14 May 17:00"));
            assertThat(
                    london.text(By.cssSelector(".event-when")),
                    containsString("Wed 12 May 08:54 – Fri 14 May 20:00 (Asia/Baku)"));
            assertThat(texts(london, "#session-speakers a"), contains("Aynur Məmmədova"));
            assertThat(texts(london, "#session-speakers small"), contains("· moderator", "ANAMA"));
            assertThat(overflow(london), lessThanOrEqualTo(0L));
            london.screenshot("63-session-detail-phone");
            assertThat(london.consoleErrors(), empty());
        }
    }
}
