package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The page addresses a calendar app or a conference app stores from the feeds and exports open the pages they name
 * (they used to be 404s: the UI routes after {@code #}).
 */
@QuarkusTest
class PageLinksBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void theFeedsPageLinksOpenTheSessionAndTheEvent() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("links"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), true);
        fixtures.session(
                event,
                fixtures.room(event, "Main Stage", 300),
                "Opening",
                Instant.parse("2027-05-12T11:00:00Z"),
                Instant.parse("2027-05-12T12:00:00Z"));
        String ics = given().get("/api/events/" + event.slug + "/calendar.ics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .replace("\r\n ", "");
        Matcher urls = Pattern.compile("(?m)^URL:(\\S+)$").matcher(ics);
        List<String> found = urls.results().map(r -> r.group(1)).toList();
        assertThat(found, hasSize(1));
        String sessionUrl = found.get(0);
        String eventUrl = given().get("/api/events/" + event.slug + "/schedule.json")
                .then()
                .statusCode(200)
                .extract()
                .path("schedule.conference.url");

        try (Browser b = new Browser(base, "Europe/London")) {
            b.driver.get(sessionUrl);
            b.wait.until(d -> d.getCurrentUrl().endsWith("/about"));
            assertThat(b.text(By.cssSelector("#main h1")), equalTo("Opening"));
            b.driver.get(eventUrl);
            b.waitForRoute("#/events/" + event.slug);
            assertThat(b.text(By.cssSelector("#main h1")), equalTo(event.title));
            assertThat(b.consoleErrors(), empty());
        }
    }
}
