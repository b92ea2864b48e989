package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** An organiser builds a programme in the event's zone; the server's conflict is shown as it names it. */
@QuarkusTest
class OrganiserBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void organiserAddsTracksRoomsSpeakersAndSessionsAndSeesConflicts() {
        String slug = fixtures.event(
                        Fixtures.uniqueSlug("org"),
                        "Asia/Baku",
                        LocalDate.of(2027, 5, 12),
                        LocalDate.of(2027, 5, 13),
                        false)
                .slug;
        try (Browser organiser = new Browser(base, "Europe/Zurich")) {
            organiser.open("#/events/" + slug + "/edit");
            organiser.signIn("organiser");

            organiser.type(By.cssSelector("#track-form [name=name]"), "Mine action");
            organiser.click(By.cssSelector("#track-form button[type=submit]"));
            organiser.wait.until(d -> d.findElement(By.id("tracks")).getText().contains("Mine action"));

            organiser.type(By.cssSelector("#room-form [name=name]"), "Main Stage");
            organiser.type(By.cssSelector("#room-form [name=capacity]"), "300");
            organiser.type(By.cssSelector("#room-form [name=joinUrl]"), "https://meet.example.org/main");
            organiser.click(By.cssSelector("#room-form button[type=submit]"));
            organiser.wait.until(
                    d -> d.findElement(By.id("rooms")).getText().contains("https://meet.example.org/main"));

            organiser.type(By.cssSelector("#speaker-form [name=name]"), "Dr. Leyla Hüseynova");
            organiser.type(By.cssSelector("#speaker-form [name=affiliation]"), "Geneva Water Institute");
            organiser.type(By.cssSelector("#speaker-form [name=country]"), "ch");
            organiser.click(By.cssSelector("#speaker-form button[type=submit]"));
            organiser.wait.until(d -> d.findElement(By.id("speakers")).getText().contains("Dr. Leyla Hüseynova"));

            addSession(organiser, "Opening panel", "2027-05-12T15:00", "2027-05-12T16:00");
            organiser.wait.until(d -> !d.findElements(By.id("session-table")).isEmpty());
            assertThat(sessions(organiser), contains("2027-05-12 15:00–16:00|Opening panel|Main Stage|Mine action"));

            addSession(organiser, "Clashing talk", "2027-05-12T15:30", "2027-05-12T16:30");
            organiser.find(By.cssSelector("#session-status [role=alert]"));
            assertThat(
                    organiser.text(By.cssSelector("#session-status li")),
                    equalTo("Clashes with “Opening panel” (2027-05-12 15:00–16:00): room, speaker"));
            organiser.screenshot("05-organiser-conflict");
            assertThat(sessions(organiser), contains("2027-05-12 15:00–16:00|Opening panel|Main Stage|Mine action"));

            organiser.click(By.id("publish"));
            organiser.wait.until(d ->
                    d.findElement(By.cssSelector("#life-h .badge")).getText().equals("published"));
            assertThat(organiser.consoleErrors(), empty());
        }
    }

    private static void addSession(Browser b, String title, String start, String end) {
        b.type(By.cssSelector("#session-form [name=title]"), title);
        new Select(b.find(By.cssSelector("#session-form [name=trackId]"))).selectByVisibleText("Mine action");
        new Select(b.find(By.cssSelector("#session-form [name=roomId]"))).selectByVisibleText("Main Stage");
        b.setValue(By.cssSelector("#session-form [name=start]"), start);
        b.setValue(By.cssSelector("#session-form [name=end]"), end);
        new Select(b.find(By.cssSelector("#session-form [name=speakerIds]")))
                .selectByVisibleText("Dr. Leyla Hüseynova");
        b.click(By.id("save-session"));
    }

    @SuppressWarnings("unchecked")
    static List<String> sessions(Browser b) {
        return (List<String>) b.script("return [...document.querySelectorAll('#session-table tbody tr')]"
                + ".map(r => [0, 1, 2, 3].map(i => r.cells[i].textContent).join('|'));");
    }
}
