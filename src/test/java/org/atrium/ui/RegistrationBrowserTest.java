package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Two participants register from their browsers for an event with one place: one gets it, one is waitlisted. */
@QuarkusTest
class RegistrationBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void secondParticipantLandsOnTheWaitlistAndMovesUpWhenAPlaceFrees() {
        String slug = fixtures.event(
                        Fixtures.uniqueSlug("reg"),
                        "Asia/Baku",
                        LocalDate.of(2027, 5, 12),
                        LocalDate.of(2027, 5, 13),
                        true)
                .slug;
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"open\":true,\"mode\":\"AUTOMATIC\",\"capacity\":1}")
                .put("/api/events/" + slug + "/registration-settings")
                .then()
                .statusCode(200);
        String page = "#/events/" + slug + "/register";
        Event event = Event.find("slug", slug).firstResult();
        long workshop = fixtures.session(
                        event,
                        fixtures.room(event, "Studio", 12),
                        "Mapping workshop",
                        Instant.parse("2027-05-12T12:00:00Z"),
                        Instant.parse("2027-05-12T13:00:00Z"))
                .id;
        QuarkusTransaction.requiringNew().run(() -> {
            ConferenceSession s = ConferenceSession.findById(workshop);
            s.type = ConferenceSession.Type.WORKSHOP;
            s.capacity = 1;
        });

        try (Browser alice = new Browser(base, "Europe/London");
                Browser bob = new Browser(base, "Asia/Baku");
                Browser organiser = new Browser(base, "Asia/Baku")) {
            alice.open(page);
            assertThat(
                    alice.text(By.id("registration-settings")), equalTo("Registration is open · 1 of 1 place left."));
            alice.signIn("alice");
            alice.type(By.name("affiliation"), "HALO Trust");
            alice.type(By.name("country"), "gb");
            assertThat(alice.find(By.name("timeZone")).getAttribute("value"), equalTo("Europe/London"));
            alice.screenshot("20-registration-form");
            alice.click(By.id("register"));
            assertThat(alice.text(By.id("registration-state")), equalTo("confirmed"));
            assertThat(alice.text(By.id("registration-text")), equalTo("You are registered. See you there!"));
            alice.screenshot("21-registration-confirmed");

            bob.open(page);
            bob.signIn("bob");
            assertThat(
                    bob.text(By.id("registration-settings")),
                    equalTo("Registration is open · full (1 place): new registrations join the waitlist."));
            bob.type(By.name("displayName"), "Bəhruz Əliyev");
            bob.click(By.id("register"));
            assertThat(bob.text(By.id("registration-state")), equalTo("waitlisted"));
            assertThat(
                    bob.text(By.id("registration-text")),
                    equalTo("The event is full: you are number 1 on the waitlist. You will move up automatically"
                            + " when a place frees."));
            bob.screenshot("22-registration-waitlisted");

            organiser.open("#/events/" + slug + "/registrations");
            organiser.signIn("organiser");
            assertThat(rows(organiser), contains("Alice|confirmed", "Bəhruz Əliyev|waitlisted #1"));
            assertThat(organiser.text(By.id("counts")), equalTo("1 confirmed of 1 · 1 waitlisted · 0 pending"));
            organiser.screenshot("23-registrations-admin");

            alice.click(By.id("cancel-registration"));
            alice.driver.switchTo().alert().accept();
            alice.wait.until(d -> !d.findElements(By.id("registration-form")).isEmpty());

            bob.driver.navigate().refresh();
            bob.waitForRoute(page);
            assertThat(bob.text(By.id("registration-state")), equalTo("confirmed"));

            // a confirmed participant takes the one place of the workshop
            bob.find(By.id("signup-h"));
            assertThat(bob.text(By.cssSelector("#session-signups .slot h3")), equalTo("Mapping workshop"));
            bob.click(By.cssSelector("button[aria-label='Sign up for Mapping workshop']"));
            bob.wait.until(d -> d.findElement(By.cssSelector("#session-signups .signup-state"))
                    .getText()
                    .equals("confirmed you have a place"));
            bob.screenshot("24-session-signup");
            assertThat(bob.text(By.cssSelector("#session-signups .signup-state .badge")), equalTo("confirmed"));

            organiser.driver.navigate().refresh();
            organiser.waitForRoute("#/events/" + slug + "/registrations");
            assertThat(rows(organiser), contains("Alice|cancelled", "Bəhruz Əliyev|confirmed"));
            assertThat(alice.consoleErrors(), empty());
            assertThat(bob.consoleErrors(), empty());
            assertThat(organiser.consoleErrors(), empty());
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> rows(Browser browser) {
        browser.find(By.id("registration-table"));
        return (List<String>) browser.script("return [...document.querySelectorAll('#registration-table tbody tr')]"
                + ".map(r => r.cells[1].textContent + '|' + r.cells[6].textContent);");
    }
}
