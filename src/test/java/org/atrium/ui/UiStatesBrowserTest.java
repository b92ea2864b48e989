package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The page is never silently stale or blank: a click that waits for the network shows a busy bar at once and marks the
 * old page busy; an empty chat and an empty projector say so. Desktop and phone.
 */
@QuarkusTest
class UiStatesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void aSlowNavigationShowsTheBusyBarUntilTheNewPageIsThere() {
        Event event = fixtures.publishedEvent();
        try (Browser b = new Browser(base, "Europe/London")) {
            for (boolean phone : new boolean[] {false, true}) {
                if (phone) {
                    b.phone();
                }
                // from a page that links to the event whatever else the suite has created (the event list pages by 50)
                b.open("#/events/" + event.slug + "/programme");
                String before = b.text(By.cssSelector("#main h1"));
                assertThat(b.script("return document.body.dataset.busy ?? null;"), equalTo(null));
                // every fetch from now on waits until the test lets it through: a network as slow as we like
                b.script("window.atriumGate = new Promise((r) => { window.atriumRelease = r; });"
                        + " const f = window.fetch; window.fetch = (...a) => window.atriumGate.then(() => f(...a));");
                b.click(By.cssSelector(".crumbs a[href='#/events/" + event.slug + "']"));
                b.wait.until(d -> "true".equals(b.script("return document.body.dataset.busy ?? null;")));
                assertThat(b.find(By.id("main")).getAttribute("aria-busy"), equalTo("true"));
                b.wait.until(d ->
                        "1".equals(b.script("return getComputedStyle(document.getElementById('progress')).opacity;")));
                // the old page is still there, marked busy, until the answer comes
                assertThat(b.text(By.cssSelector("#main h1")), equalTo(before));
                b.script("window.atriumRelease();");
                b.waitForRoute("#/events/" + event.slug);
                b.wait.until(d -> b.script("return document.body.dataset.busy ?? null;") == null);
                assertThat(b.find(By.id("main")).getAttribute("aria-busy"), equalTo(null));
                assertThat(b.text(By.cssSelector("#main h1")), equalTo(event.title));
            }
            assertThat(b.consoleErrors(), empty());
        }
    }

    @Test
    void anEmptyChatAndAnEmptyProjectorSaySo() {
        ConferenceSession session = fixtures.sessionUnderway("empty");
        Event event = session.event;
        String room = "#/events/" + event.slug + "/sessions/" + session.id;
        try (Browser alice = new Browser(base, "Europe/London");
                Browser speaker = new Browser(base, "Asia/Baku")) {
            alice.open(room);
            alice.signIn("alice");
            speaker.open(room);
            speaker.signIn("speaker");
            speaker.open(room + "/projector");
            for (boolean phone : new boolean[] {false, true}) {
                if (phone) {
                    alice.phone().open(room);
                    speaker.phone().open(room + "/projector");
                    alice.click(By.id("tab-chat"));
                }
                alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
                assertThat(alice.text(By.id("chat-empty")), equalTo("No messages yet. Say hello to the room."));
                assertThat(
                        speaker.text(By.id("projector-empty")),
                        // the empty state tells the hall where to ask: the room's short link
                        matchesPattern("No questions yet\\. Ask yours at \\S+/s/\\d+\\."));
                speaker.screenshot("projector-empty-" + (phone ? "phone" : "desktop"));
            }
            alice.type(By.id("chat-text"), "Hello");
            alice.click(By.id("chat-send"));
            alice.wait.until(d -> d.findElements(By.id("chat-empty")).isEmpty());
            assertThat(alice.text(By.cssSelector("#chat-log li")), containsString("Hello"));
        }
    }
}
