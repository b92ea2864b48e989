package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A phone held upright (390 x 844) and a desktop window: nothing wider than the screen, questions and chat as tabs on
 * the phone (side by side on the desktop), the zone control whole, the first session on the first screen.
 */
@QuarkusTest
class PhoneLayoutBrowserTest {

    static final String LONG_QUESTION = "Could the speakers say more about how the survey teams decided which of the"
            + " villages near the former front line were cleared first, and who was consulted about the order?";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void theModerationConsoleAndTheLiveRoomFitAPhoneWithQuestionsAndChatAsTabs() {
        ConferenceSession session = fixtures.sessionUnderway("phone");
        Event event = session.event;
        String room = "#/events/" + event.slug + "/sessions/" + session.id;

        try (Browser speaker = new Browser(base, "Asia/Baku");
                Browser alice = new Browser(base, "Europe/London")) {
            alice.open(room);
            alice.signIn("alice");
            live(alice);
            for (int i = 1; i <= 6; i++) {
                alice.script(
                        "return window.atriumLive.send('question.ask', { text: arguments[0] });",
                        i + ". " + LONG_QUESTION);
            }
            alice.script("return window.atriumLive.send('chat.post', { text: 'Hello from London' });");
            speaker.open(room + "/moderate");
            speaker.signIn("speaker");
            live(speaker);
            speaker.wait.until(d -> d.findElements(By.cssSelector("#visible-questions [data-state='visible']"))
                            .size()
                    == 6);

            for (boolean phone : new boolean[] {false, true}) {
                int width = phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH;
                String size = phone ? "phone" : "desktop";
                for (Browser b : List.of(speaker, alice)) {
                    if (phone) {
                        b.phone();
                    } else {
                        b.desktop();
                    }
                    b.wait.until(d -> b.documentWidth() <= width);
                    assertThat(size, b.documentWidth(), lessThanOrEqualTo((long) width));
                }
                // the merge selects hold the long questions and stay inside the screen
                assertThat(
                        size,
                        ((Number) speaker.script("return Math.max(...[...document.querySelectorAll('#main select')]"
                                        + ".map((s) => s.getBoundingClientRect().right));"))
                                .doubleValue(),
                        lessThanOrEqualTo((double) width));
                for (Browser b : List.of(speaker, alice)) {
                    b.screenshot("phone-layout-" + size + (b == speaker ? "-console" : "-room"));
                }
            }
            for (boolean phone : new boolean[] {false, true}) {
                for (Browser b : List.of(speaker, alice)) {
                    if (phone) {
                        b.phone();
                    } else {
                        b.desktop();
                    }
                    if (phone) {
                        // tabs: the questions first; one tap on "Chat" shows the chat at the top, not below every
                        // question
                        assertThat(b.find(By.id("tab-chat")).getAttribute("aria-selected"), equalTo("false"));
                        assertThat(b.driver.findElement(By.id("chat-panel")).isDisplayed(), equalTo(false));
                        b.click(By.id("tab-chat"));
                        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-panel")));
                        assertThat(
                                b.driver.findElement(By.id("questions-panel")).isDisplayed(), equalTo(false));
                        assertThat(b.find(By.id("tab-chat")).getText(), equalTo("Chat (1)"));
                        assertThat(top(b, "#chat-panel"), lessThan((double) Browser.PHONE_HEIGHT));
                        assertThat(top(b, "#chat-panel") - bottom(b, ".live-tabs"), lessThan(48.0));
                        b.click(By.id("tab-questions"));
                        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("questions-panel")));
                    } else {
                        // side by side: the chat to the right of the questions, both shown, no tabs
                        assertThat(b.driver.findElement(By.id("tab-chat")).isDisplayed(), equalTo(false));
                        assertThat(left(b, "#chat-panel"), greaterThan(left(b, "#questions-panel")));
                    }
                }
            }
            assertThat(alice.consoleErrors(), empty());
        }
    }

    @Test
    void theProgrammeOnAPhoneShowsTheWholeZoneControlAndTheFirstSessionOnTheFirstScreen() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("phone-prog"),
                "Asia/Baku",
                LocalDate.of(2027, 5, 12),
                LocalDate.of(2027, 5, 13),
                true);
        var stage = fixtures.room(event, "Main Stage", 300);
        fixtures.track(event, "Humanitarian impact of landmines", "#b03a2e");
        fixtures.track(event, "Art and memory", "#1f6f8b");
        fixtures.session(
                event,
                stage,
                "Opening: clearing land, restoring lives",
                Instant.parse("2027-05-12T11:00:00Z"),
                Instant.parse("2027-05-12T12:00:00Z"));
        fixtures.session(
                event,
                stage,
                "Mapping minefields",
                Instant.parse("2027-05-13T11:00:00Z"),
                Instant.parse("2027-05-13T12:00:00Z"));
        try (Browser b = new Browser(base, "America/Argentina/Buenos_Aires")) {
            // signed in, as participants are (the header and the "starred only" filter take their room)
            b.open("#/");
            b.signIn("alice");
            for (boolean phone : new boolean[] {false, true}) {
                int width = phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH;
                String size = phone ? "phone" : "desktop";
                if (phone) {
                    b.phone();
                }
                b.open("#/events/" + event.slug + "/programme");
                b.find(By.cssSelector(".slot"));
                assertThat(size, b.documentWidth(), lessThanOrEqualTo((long) width));
                @SuppressWarnings("unchecked")
                List<Map<String, Number>> controls = (List<Map<String, Number>>)
                        b.script(
                                "return [...document.querySelectorAll('.zone-bar input, .zone-bar select, .filters select')]"
                                        + ".map((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right }; });");
                for (Map<String, Number> r : controls) {
                    assertThat(size, r.get("left").doubleValue(), greaterThan(-0.5));
                    assertThat(size, r.get("right").doubleValue(), lessThanOrEqualTo((double) width));
                }
                // the zone control shows its whole text ("Your zone: America/Buenos_Aires (GMT-3)"), measured in its
                // own font, plus padding, border and the select's arrow
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> zone = (List<Map<String, Object>>)
                        b.script("const c = document.createElement('canvas').getContext('2d');"
                                + " return [...document.querySelectorAll('.zone-bar select, .zone-bar input')].map((e) => {"
                                + " const s = getComputedStyle(e); c.font = s.font;"
                                + " const select = e.tagName === 'SELECT';"
                                + " const text = select ? (e.selectedOptions[0]?.textContent || '') : e.value;"
                                + " return { text, width: e.getBoundingClientRect().width, needed: c.measureText(text).width"
                                + " + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight) + parseFloat(s.borderLeftWidth)"
                                + " + parseFloat(s.borderRightWidth) + (select ? 20 : 0) }; });");
                for (Map<String, Object> z : zone) {
                    assertThat(
                            size + " " + z.get("text"),
                            ((Number) z.get("width")).doubleValue(),
                            greaterThanOrEqualTo(((Number) z.get("needed")).doubleValue()));
                }
                double viewport = ((Number) b.script("return window.innerHeight;")).doubleValue();
                assertThat(size + ": first session below the fold", bottomOfFirstSlotTitle(b), lessThan(viewport));
                b.screenshot("phone-layout-" + size + "-programme");
            }
        }
    }

    private static void live(Browser b) {
        b.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
    }

    private static double top(Browser b, String css) {
        return ((Number) b.script("return document.querySelector(arguments[0]).getBoundingClientRect().top;", css))
                .doubleValue();
    }

    private static double bottom(Browser b, String css) {
        return ((Number) b.script("return document.querySelector(arguments[0]).getBoundingClientRect().bottom;", css))
                .doubleValue();
    }

    private static double left(Browser b, String css) {
        return ((Number) b.script("return document.querySelector(arguments[0]).getBoundingClientRect().left;", css))
                .doubleValue();
    }

    private static double bottomOfFirstSlotTitle(Browser b) {
        return ((Number) b.script("window.scrollTo(0, 0);"
                        + " return document.querySelector('.slot h3').getBoundingClientRect().bottom;"))
                .doubleValue();
    }
}
