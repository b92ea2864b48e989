package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A poll from draft to result in real browsers: the speaker drafts and launches it in the console, two participants
 * vote on the session page, the projector's chart follows each vote, and the speaker closes it; the console shows the
 * "can't hear" count a participant's reaction raises.
 */
@QuarkusTest
class PollsBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    static List<String> bars(Browser b) {
        return b.driver.findElements(By.cssSelector("#projector-chart .bar")).stream()
                .map(el -> el.getAttribute("data-count"))
                .toList();
    }

    @Test
    void speakerLaunchesParticipantsVoteProjectorFollowsSpeakerCloses() {
        ConferenceSession session = fixtures.sessionUnderway("polls");
        String slug = session.event.slug;
        fixtures.registration(session.event, "bob", Registration.State.CONFIRMED, "Asia/Baku");
        String room = "#/events/" + slug + "/sessions/" + session.id;

        try (Browser speaker = new Browser(base, "Asia/Baku");
                Browser alice = new Browser(base, "Europe/London");
                Browser bob = new Browser(base, "Asia/Baku");
                Browser projector = new Browser(base, "Asia/Baku")) {
            speaker.open(room + "/moderate").signIn("speaker");
            speaker.find(By.id("poll-drafts"));
            speaker.click(By.cssSelector("#new-poll summary"));
            speaker.type(By.id("poll-question"), "Which tool clears most land?");
            speaker.type(By.id("poll-options"), "Drones\nDogs\nRakes");
            speaker.click(By.id("poll-save"));
            speaker.wait.until(
                    d -> d.findElement(By.id("poll-drafts")).getText().contains("Which tool clears most land?"));
            speaker.click(By.cssSelector("#poll-drafts button"));
            speaker.wait.until(d -> !d.findElements(By.cssSelector("#poll-live [data-state=open]"))
                    .isEmpty());
            speaker.screenshot("60-poll-console-launched");

            // the projector: the organiser's laptop on the stage
            // signed in on the session page: the projector hides the header that shows who is signed in
            projector.open(room).signIn("organiser");
            projector.open(room + "/projector");
            projector.find(By.cssSelector("#projector-poll h2"));
            projector.wait.until(d -> bars(projector).equals(List.of("0", "0", "0")));

            alice.open(room).signIn("alice");
            bob.open(room).signIn("bob");
            for (Browser p : List.of(alice, bob)) {
                p.find(By.cssSelector(".poll-card[data-state=open] h3"));
                assertThat(p.text(By.cssSelector(".poll-card h3")), equalTo("Which tool clears most land?"));
            }
            alice.click(By.xpath("//label[contains(@class,'poll-option')][normalize-space(.)='Drones']/input"));
            alice.click(By.cssSelector(".poll-form button[type=submit]"));
            alice.wait.until(d -> d.findElement(By.cssSelector(".poll-card .my-vote"))
                    .getText()
                    .equals("Your answer: Drones"));
            projector.wait.until(d -> bars(projector).equals(List.of("1", "0", "0")));
            bob.click(By.xpath("//label[contains(@class,'poll-option')][normalize-space(.)='Dogs']/input"));
            bob.click(By.cssSelector(".poll-form button[type=submit]"));
            projector.wait.until(d -> bars(projector).equals(List.of("1", "1", "0")));
            assertThat(projector.text(By.cssSelector("#projector-chart .poll-voters")), equalTo("2 votes"));
            alice.wait.until(
                    d -> d.findElements(By.cssSelector(".poll-card .bar")).size() == 3);
            alice.screenshot("61-poll-participant-voted");

            // a participant who cannot hear says so; the speaker's console shows it
            alice.click(By.cssSelector(".reaction[data-reaction=cant-hear]"));
            alice.click(By.cssSelector(".reaction[data-reaction=applause]"));
            projector.wait.until(d -> d.findElement(By.id("reaction-overlay")).getAttribute("data-last-tick") != null);
            projector.screenshot("62-poll-projector");
            speaker.wait.until(d ->
                    d.findElement(By.id("cant-hear")).getAttribute("data-count").equals("1"));

            speaker.click(By.cssSelector("#poll-live button.danger"));
            speaker.wait.until(d -> !d.findElements(By.cssSelector("#poll-live [data-state=closed]"))
                    .isEmpty());
            speaker.screenshot("63-poll-console-closed");
            projector.wait.until(d -> d.findElement(By.cssSelector("#projector-poll h2"))
                    .getText()
                    .endsWith("(closed)"));
            assertThat(bars(projector), contains("1", "1", "0"));
            bob.wait.until(d -> !d.findElements(By.cssSelector(".poll-card[data-state=closed]"))
                    .isEmpty());
            WebElement form = bob.driver.findElements(By.cssSelector(".poll-card .poll-form")).stream()
                    .findFirst()
                    .orElse(null);
            assertThat(form, equalTo(null));
            projector.screenshot("64-poll-projector-closed");
            assertThat(alice.consoleErrors(), empty());
            assertThat(bob.consoleErrors(), empty());
            assertThat(speaker.consoleErrors(), empty());
            assertThat(projector.consoleErrors(), empty());
        }
    }
}
