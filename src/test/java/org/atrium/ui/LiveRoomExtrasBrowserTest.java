package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The live room's smaller promises: a speaker who opens another session's console is told once that they do not
 * moderate it (no empty panels); chat lines and questions say when ("just now", the full time in the viewer's zone on
 * hover, kept current); a question like one already asked is offered to vote for instead.
 */
@QuarkusTest
class LiveRoomExtrasBrowserTest {

    static final String NOT_MODERATOR = "You do not moderate this session: only its speakers and moderators and the"
            + " event’s organisers can open its moderation console.\nGo to the session page";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void aSpeakerOpeningAnotherSessionsConsoleIsToldOnceWithoutEmptyPanels() {
        Event event = fixtures.publishedEvent();
        var stage = fixtures.room(event, "Main Stage", 300);
        ConferenceSession mine = fixtures.session(
                event, stage, "Mine", Instant.parse("2027-05-12T11:00:00Z"), Instant.parse("2027-05-12T12:00:00Z"));
        ConferenceSession other = fixtures.session(
                event, stage, "Other", Instant.parse("2027-05-12T13:00:00Z"), Instant.parse("2027-05-12T14:00:00Z"));
        fixtures.addSpeaker(
                mine, fixtures.speaker(event, "Dr. Leyla Hüseynova", "speaker"), SessionSpeaker.Role.SPEAKER);
        for (Dimension size : List.of(new Dimension(1280, 1100), new Dimension(390, 844))) {
            try (Browser speaker = new Browser(base, "Asia/Baku")) {
                speaker.driver.manage().window().setSize(size);
                speaker.open("#/events/" + event.slug + "/sessions/" + other.id + "/moderate");
                speaker.signIn("speaker");
                speaker.wait.until(
                        d -> !d.findElements(By.cssSelector("#main .notice")).isEmpty());
                assertThat(speaker.text(By.cssSelector("#main .notice")), equalTo(NOT_MODERATOR));
                assertThat(
                        speaker.driver
                                .findElements(By.cssSelector("#main .notice"))
                                .size(),
                        equalTo(1));
                assertThat(speaker.driver.findElements(By.id("pending-queue")), empty());
                assertThat(speaker.driver.findElements(By.id("live-status")), empty());
                speaker.screenshot("39-console-not-moderator-" + (size.getWidth() < 500 ? "phone" : "desktop"));
                assertThat(speaker.consoleErrors(), empty());
            }
        }
    }

    @Test
    void linesSayWhenAndASimilarQuestionIsOfferedToVoteFor() {
        Event event = fixtures.publishedEvent();
        Instant now = Instant.now();
        ConferenceSession session = fixtures.session(
                event,
                fixtures.room(event, "Main Stage", 300),
                "Clearing land",
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofMinutes(55)));
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        fixtures.registration(event, "bob", Registration.State.CONFIRMED, null);
        String room = "#/events/" + event.slug + "/sessions/" + session.id;
        String asked = "How many mines were cleared in 2026?";

        try (Browser bob = new Browser(base, "Europe/London");
                Browser alice = new Browser(base, "Asia/Baku")) {
            bob.open(room);
            bob.signIn("bob");
            bob.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            bob.type(By.id("ask-text"), asked);
            bob.click(By.id("ask"));
            bob.type(By.id("chat-text"), "Hello from London");
            bob.click(By.id("chat-send"));
            bob.wait.until(d -> d.findElement(By.id("chat-log")).getText().contains("Hello from London"));

            alice.driver.manage().window().setSize(new Dimension(390, 844));
            alice.open(room);
            alice.signIn("alice");
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));

            // when: "just now", the full time in Alice's zone (Baku) on hover; on a phone questions and chat are tabs
            var askedAt = alice.find(By.cssSelector("#questions .question time.ago"));
            assertThat(askedAt.getText(), equalTo("just now"));
            assertThat(askedAt.getAttribute("title"), equalTo(baku(askedAt.getAttribute("datetime"))));
            alice.click(By.id("tab-chat"));
            var line = alice.find(By.cssSelector("#chat-log li time.ago"));
            assertThat(line.getText(), equalTo("just now"));
            assertThat(line.getAttribute("title"), equalTo(baku(line.getAttribute("datetime"))));
            // and kept current: five minutes on, the page says so
            alice.script("const real = Date.now.bind(Date); Date.now = () => real() + 5 * 60000;");
            alice.wait.until(d -> d.findElement(By.cssSelector("#chat-log li time.ago"))
                    .getText()
                    .equals("5 min ago"));
            alice.click(By.id("tab-questions"));

            // an unrelated question is not matched; a similar one is offered to vote for instead
            alice.type(By.id("ask-text"), "Is the exhibition open at night?");
            assertThat(alice.driver.findElements(By.cssSelector("#similar-questions li")), empty());
            alice.type(By.id("ask-text"), "how many mines have been cleared in 2026");
            assertThat(
                    alice.text(By.cssSelector("#similar-questions .similar")).replaceAll("\\s+", " "),
                    equalTo("A similar question is already in the room. Vote for it instead of asking again? " + asked
                            + " Vote for it instead"));
            alice.screenshot("40-live-similar-question-phone");
            alice.click(By.xpath("//div[@id='similar-questions']//button[normalize-space(.)='Vote for it instead']"));
            alice.wait.until(d -> d.findElement(By.cssSelector("#questions .votes strong"))
                    .getText()
                    .equals("1"));
            assertThat(alice.find(By.id("ask-text")).getAttribute("value"), equalTo(""));
            assertThat(alice.text(By.cssSelector("#ask-status .notice")), equalTo("You voted for “" + asked + "”."));
            bob.wait.until(d -> d.findElement(By.cssSelector("#questions .votes strong"))
                    .getText()
                    .equals("1"));
            assertThat(alice.consoleErrors(), empty());
            assertThat(bob.consoleErrors(), empty());
        }
    }

    /** "Wed 12 May 15:00 GMT+4": an instant as the page's hover text should give it in Baku. */
    static String baku(String instant) {
        return DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK)
                        .format(Instant.parse(instant).atZone(ZoneId.of("Asia/Baku")))
                + " GMT+4";
    }
}
