package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Two browsers in one live room: a participant asks, the speaker (pre-moderation on) approves and pins it, the
 * participant sees it pinned, then answered with the speaker's reply; a dropped participant resumes from its last
 * sequence number without losing or repeating anything.
 */
@QuarkusTest
class LiveRoomBrowserTest {

    static final String QUESTION = "How many mines were cleared in 2026? <i>really</i>";
    static final String ANONYMOUS_QUESTION = "Is the exhibition open at night?";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void participantAsksSpeakerApprovesPinsAndAnswers() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("live"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), true);
        var stage = fixtures.room(event, "Main Stage", 300);
        ConferenceSession session = fixtures.session(
                event,
                stage,
                "Clearing land, restoring lives",
                Instant.parse("2027-05-12T11:00:00Z"),
                Instant.parse("2027-05-12T12:00:00Z"));
        fixtures.addSpeaker(
                session, fixtures.speaker(event, "Dr. Leyla Hüseynova", "speaker"), SessionSpeaker.Role.SPEAKER);
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        fixtures.registration(event, "bob", Registration.State.CONFIRMED, "Asia/Baku");
        String room = "#/events/" + event.slug + "/sessions/" + session.id;

        try (Browser speaker = new Browser(base, "Asia/Baku");
                Browser alice = new Browser(base, "Europe/London")) {
            speaker.open(room + "/moderate");
            speaker.signIn("speaker");
            speaker.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            // the session is in 2027: Q&A follows the schedule and is closed until the speaker opens it
            assertThat(speaker.text(By.id("qa-state")), containsString("Q&A is closed (following the schedule)."));
            speaker.click(By.id("qa-open"));
            speaker.wait.until(
                    d -> d.findElement(By.id("qa-state")).getText().startsWith("Q&A is open (set by hand)."));
            speaker.click(By.id("premoderation"));
            speaker.wait.until(d -> d.findElement(By.id("premoderation")).isSelected());

            alice.open(room);
            alice.signIn("alice");
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            assertThat(
                    alice.text(By.id("qa-info")),
                    equalTo("Q&A is open. Questions are reviewed by the moderators before others see them."));
            alice.type(By.id("ask-text"), QUESTION);
            alice.click(By.id("ask"));
            alice.wait.until(d -> d.findElement(By.id("my-pending")).getText().contains(QUESTION));
            assertThat(alice.text(By.cssSelector("#my-pending .badge")), equalTo("awaiting moderation"));
            alice.screenshot("30-session-question-pending");

            speaker.find(By.cssSelector("#pending-queue [data-state='pending']"));
            assertThat(speaker.text(By.cssSelector("#pending-queue .text")), equalTo(QUESTION));
            speaker.screenshot("31-moderation-pending");
            speaker.click(By.cssSelector("#pending-queue button[aria-label='Approve: " + QUESTION + "']"));
            speaker.click(
                    By.cssSelector("#visible-questions button[aria-label='Pin: answering now: " + QUESTION + "']"));

            alice.wait.until(d -> !d.findElements(By.cssSelector("#pinned-question .question.pinned"))
                    .isEmpty());
            assertThat(alice.text(By.cssSelector("#pinned-question .text")), equalTo(QUESTION));
            alice.wait.until(d -> d.findElement(By.id("announcer"))
                    .getAttribute("textContent")
                    .contains("Answering now: " + QUESTION));
            assertThat(alice.driver.findElements(By.cssSelector("main i")), empty());
            alice.screenshot("32-session-question-pinned");

            speaker.type(By.cssSelector("input[aria-label='Reply to: " + QUESTION + "']"), "About 12,000 hectares.");
            speaker.click(By.xpath("//input[@aria-label='Reply to: " + QUESTION + "']/following-sibling::button"));
            speaker.click(By.cssSelector("#visible-questions button[aria-label='Mark answered: " + QUESTION + "']"));

            alice.wait.until(d -> !d.findElements(By.cssSelector("#answered [data-state='answered']"))
                    .isEmpty());
            assertThat(alice.driver.findElements(By.cssSelector("#pinned-question")), empty());
            assertThat(
                    alice.text(By.cssSelector("#answered .replies")),
                    equalTo("Dr. Leyla Hüseynova: About 12,000 hectares."));
            alice.wait.until(d -> d.findElement(By.id("announcer"))
                    .getAttribute("textContent")
                    .contains("Answered: " + QUESTION));
            alice.screenshot("33-session-question-answered");
            speaker.screenshot("34-moderation-answered");

            // another participant asks anonymously; once approved, Alice sees no name and votes for it
            try (Browser bob = new Browser(base, "Asia/Baku")) {
                bob.open(room);
                bob.signIn("bob");
                bob.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
                bob.type(By.id("ask-text"), ANONYMOUS_QUESTION);
                bob.click(By.id("ask-anonymous"));
                bob.click(By.id("ask"));
                bob.wait.until(d -> d.findElement(By.id("my-pending")).getText().contains(ANONYMOUS_QUESTION));
                assertThat(bob.text(By.cssSelector("#my-pending .by")), containsString("Bob (anonymous to others)"));
                speaker.click(
                        By.cssSelector("#pending-queue button[aria-label='Approve: " + ANONYMOUS_QUESTION + "']"));
                alice.wait.until(
                        d -> d.findElement(By.id("questions")).getText().contains(ANONYMOUS_QUESTION));
                alice.wait.until(d -> d.findElement(By.id("announcer"))
                        .getAttribute("textContent")
                        .contains("New question: " + ANONYMOUS_QUESTION));
                // no name, then when it was asked ("just now")
                assertThat(alice.text(By.cssSelector("#questions .by")), startsWith("Anonymous · "));
                alice.click(
                        By.xpath("//button[contains(@class, 'vote') and contains(., ': " + ANONYMOUS_QUESTION + "')]"));
                alice.wait.until(d -> "true"
                        .equals(d.findElement(By.xpath("//button[contains(@class, 'vote') and contains(., ': "
                                        + ANONYMOUS_QUESTION + "')]"))
                                .getAttribute("aria-pressed")));
                bob.wait.until(d -> d.findElement(By.cssSelector("#questions .votes strong"))
                        .getText()
                        .equals("1"));
                alice.screenshot("36-session-anonymous-voted");
                assertThat(bob.consoleErrors(), empty());
            }

            // a participant whose connection drops resumes from its last sequence number
            long seqBefore = ((Number) alice.script("const r = window.atriumLive; r.ws.onclose = null; r.ws.close();"
                            + " r.ws = null; return r.lastSeq;"))
                    .longValue();
            speaker.type(By.cssSelector("input[aria-label='Reply to: " + QUESTION + "']"), "Thank you all.");
            speaker.click(By.xpath("//input[@aria-label='Reply to: " + QUESTION + "']/following-sibling::button"));
            speaker.wait.until(d -> d.findElement(By.cssSelector("#answered-questions .replies"))
                    .getText()
                    .contains("Thank you all."));
            alice.script("window.atriumLive.connect();");
            alice.wait.until(d -> d.findElement(By.cssSelector("#answered .replies"))
                    .getText()
                    .contains("Thank you all."));
            // a resume sends no snapshot: the room is live again once it has caught up
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            assertThat(
                    replies(alice),
                    contains("Dr. Leyla Hüseynova: About 12,000 hectares.", "Dr. Leyla Hüseynova: Thank you all."));
            assertThat(
                    ((Number) alice.script("return window.atriumLive.lastSeq;")).longValue(), equalTo(seqBefore + 1));
            assertThat(
                    alice.driver
                            .findElements(By.cssSelector("[data-question-id]"))
                            .size(),
                    equalTo(2));

            speaker.open(room + "/projector");
            speaker.find(By.cssSelector("#projector-pinned p"));
            assertThat(
                    speaker.text(By.cssSelector("#projector-pinned p")),
                    equalTo("No question is being answered right now."));
            speaker.screenshot("35-projector");
            assertThat(alice.consoleErrors(), empty());
            assertThat(speaker.consoleErrors(), empty());
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> replies(Browser browser) {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('#answered .replies li')].map(li => li.textContent);");
    }
}
