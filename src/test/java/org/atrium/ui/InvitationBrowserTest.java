package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import org.atrium.event.Event;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An organiser invites a speaker by e-mail from the catalogue editor; the speaker opens the link, signs in and
 * accepts; the organiser then sees the speaker's account by name. Nobody types an account subject.
 */
@QuarkusTest
class InvitationBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void aSpeakerInvitedByEmailAcceptsTheLinkAndIsLinked() {
        Event event = fixtures.publishedEvent();
        Speaker speaker = fixtures.speaker(event, "Ines Haddad", null);
        String link;
        try (Browser organiser = new Browser(base, "Europe/London")) {
            organiser.open("#/events/" + event.slug + "/edit");
            organiser.signIn("organiser");
            assertThat(
                    organiser.text(By.cssSelector("#speaker-list .speaker-account")),
                    containsString("not linked to an account yet"));
            // the old "sign-in name" field is gone
            assertThat(organiser.driver.findElements(By.cssSelector("#speaker-form [name=accountSubject]")), empty());
            organiser.click(By.cssSelector("#speaker-list details summary"));
            organiser.type(By.cssSelector("#speaker-list form [name=email]"), "ines@example.org");
            organiser.click(By.cssSelector("#speaker-list form button[type=submit]"));
            link = organiser.wait.until(d -> {
                var inputs = d.findElements(By.cssSelector("#speaker-list .invitation-link"));
                return inputs.isEmpty() ? null : inputs.get(0).getDomProperty("value");
            });
            assertThat(organiser.consoleErrors(), empty());
        }
        String hash = link.substring(link.indexOf('#'));

        try (Browser bob = new Browser(base, "Europe/Paris")) {
            bob.open(hash);
            assertThat(bob.text(By.id("invitation-what")), containsString("as Ines Haddad"));
            bob.find(By.id("sign-in-to-accept"));
            bob.signIn("bob");
            bob.click(By.id("accept-invitation"));
            bob.waitForRoute("#/events/" + event.slug);
            bob.screenshot("12-invitation-accepted");
            assertThat(bob.consoleErrors(), empty());
        }

        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/speakers/" + speaker.id)
                .then()
                .statusCode(200)
                .body("accountSubject", equalTo("bob"))
                .body("accountName", equalTo(Browser.displayName("bob")));
        try (Browser organiser = new Browser(base, "Europe/London")) {
            organiser.open("#/events/" + event.slug + "/edit");
            organiser.signIn("organiser");
            organiser.wait.until(d -> d.findElement(By.cssSelector("#speaker-list .speaker-account"))
                    .getText()
                    .contains("signs in as Bob"));
        }
    }
}
