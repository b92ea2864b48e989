package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Screenshots of the main pages at desktop and phone size into target/screenshots/ (looked at when the design
 * changes; the best are in src/docs/img and src/docs/ui.md). Each page must fit its screen's width.
 */
@QuarkusTest
class ScreenshotsBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void mainPagesAtDesktopAndPhoneSize() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event = fixtures.event(Fixtures.uniqueSlug("shots"), "Asia/Baku", today, today.plusDays(1), true);
        fixtures.describe(
                event,
                "Landmines and Art 2026",
                "An online conference on the humanitarian impact of landmines, with a virtual exhibition of"
                        + " contemporary art made from the debris of war.");
        var stage = fixtures.room(event, "Main Stage", 500);
        var gallery = fixtures.room(event, "Gallery", 80);
        var impact = fixtures.track(event, "Humanitarian impact", "#b03a2e");
        var art = fixtures.track(event, "Art and memory", "#1f6f8b");
        ZoneId baku = ZoneId.of("Asia/Baku");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ConferenceSession opening = fixtures.session(
                event, stage, "Clearing land, restoring lives", now.minusSeconds(900), now.plusSeconds(2700));
        fixtures.assignTrack(opening, impact);
        fixtures.addSpeaker(
                opening, fixtures.speaker(event, "Dr. Leyla Hüseynova", "speaker"), SessionSpeaker.Role.SPEAKER);
        String[][] more = {
            {"Mapping minefields from the air", "impact"},
            {"Sculpture from shrapnel: a studio visit", "art"},
            {"Panel: returning home after the war", "impact"},
        };
        for (int i = 0; i < more.length; i++) {
            Instant start = today.plusDays(1).atTime(10 + 2 * i, 0).atZone(baku).toInstant();
            ConferenceSession s =
                    fixtures.session(event, i == 1 ? gallery : stage, more[i][0], start, start.plusSeconds(3600));
            fixtures.assignTrack(s, "art".equals(more[i][1]) ? art : impact);
        }
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        String ev = "#/events/" + event.slug;
        String room = ev + "/sessions/" + opening.id;

        try (Browser speaker = new Browser(base, "Asia/Baku");
                Browser alice = new Browser(base, "Europe/London")) {
            alice.open(room);
            alice.signIn("alice");
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            alice.script(
                    "return window.atriumLive.send('question.ask', { text: arguments[0] });",
                    "How many hectares were returned to farming last year?");
            alice.script("return window.atriumLive.send('chat.post', { text: 'Greetings from London!' });");
            speaker.open(room + "/moderate");
            speaker.signIn("speaker");
            speaker.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            speaker.script(
                    "return window.atriumLive.send('question.ask', { text: arguments[0] });",
                    "Which villages were cleared first, and who decided the order?");
            speaker.script("return window.atriumLive.send('chat.post', { text: 'Welcome, everyone.' });");
            alice.wait.until(d -> d.findElements(By.cssSelector("#questions [data-state='visible']"))
                            .size()
                    == 2);
            alice.click(By.cssSelector("#questions button.vote:enabled"));

            for (boolean phone : new boolean[] {false, true}) {
                String size = phone ? "phone" : "desktop";
                if (phone) {
                    alice.phone();
                    speaker.phone();
                }
                shot(alice, "#/", "01-events-" + size, phone);
                shot(alice, ev, "02-event-" + size, phone);
                shot(alice, ev + "/programme", "03-programme-" + size, phone);
                shot(alice, ev + "/register", "04-registration-" + size, phone);
                alice.open(room);
                alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
                alice.wait.until(d ->
                        !d.findElements(By.cssSelector("#questions .question")).isEmpty());
                check(alice, "05-live-room-" + size, phone);
                speaker.open(room + "/moderate");
                speaker.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
                check(speaker, "06-moderation-" + size, phone);
            }
            speaker.desktop();
            speaker.open(room + "/projector");
            speaker.find(By.cssSelector("#projector-top li"));
            check(speaker, "07-projector-desktop", false);
            assertThat(alice.consoleErrors(), empty());
        }
        try (Browser organiser = new Browser(base, "Asia/Baku")) {
            organiser.open(ev + "/edit");
            organiser.signIn("organiser");
            organiser.find(By.id("session-table"));
            check(organiser, "08-organiser-edit-desktop", false);
        }
    }

    private static void shot(Browser b, String hash, String name, boolean phone) throws IOException {
        b.open(hash);
        b.find(By.cssSelector("#main h1"));
        check(b, name, phone);
    }

    private static void check(Browser b, String name, boolean phone) throws IOException {
        assertThat(name, b.documentWidth(), lessThanOrEqualTo((long)
                (phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH)));
        Path file = b.screenshot(name);
        assertThat(name, Files.size(file), greaterThan(1000L));
    }
}
