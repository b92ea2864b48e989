package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.atrium.support.SmallBounds;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * With event creation closed to the organiser role (as in production), a participant is not offered "New event" nor
 * the form; an organiser is. The server refuses anyway (EventResource); this is about not wasting people's time.
 */
@QuarkusTest
@TestProfile(SmallBounds.class)
class RoleAwareBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aParticipantIsNotOfferedEventCreationAndAnOrganiserIs() {
        try (Browser alice = new Browser(base, "Europe/London")) {
            alice.open("#/");
            alice.signIn("alice");
            alice.find(By.cssSelector("#main h1"));
            assertThat(alice.driver.findElements(By.id("nav-new-event")), empty());
            assertThat(alice.driver.findElements(By.id("create-event")), empty());
            alice.open("#/events/new");
            assertThat(alice.text(By.cssSelector("#main .notice")), containsString("may not create events"));
            assertThat(alice.driver.findElements(By.id("event-form")), empty());
            assertThat(alice.consoleErrors(), empty());
        }
        try (Browser organiser = new Browser(base, "Europe/London")) {
            organiser.open("#/");
            organiser.signIn("organiser");
            organiser.find(By.id("nav-new-event"));
            assertThat(organiser.driver.findElements(By.id("create-event")), hasSize(1));
            organiser.open("#/events/new");
            organiser.find(By.id("event-form"));
        }
    }
}
