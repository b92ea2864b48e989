package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Organiser forms at desktop and phone width: problems in the form's own words next to the field, date-time fields
 * wide enough for the whole time, and a confirmation before someone's registration is cancelled.
 */
@QuarkusTest
class OrganiserFormsBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void aMissingFirstDayIsSaidInTheFormsWordsNextToTheField() {
        try (Browser organiser = new Browser(base, "Europe/London")) {
            organiser.open("#/");
            organiser.signIn("organiser");
            for (boolean phone : new boolean[] {false, true}) {
                if (phone) {
                    organiser.phone();
                }
                organiser.open("#/events/new");
                organiser.type(By.cssSelector("#event-form [name=title]"), "Mine Action Forum");
                organiser.type(By.cssSelector("#event-form [name=slug]"), Fixtures.uniqueSlug("forum"));
                organiser.setValue(By.cssSelector("#event-form [name=lastDay]"), "2027-05-13");
                organiser.click(By.id("save-event"));
                By error = By.xpath("//input[@name='firstDay']/ancestor::div[contains(@class, 'field')]"
                        + "//*[contains(@class, 'field-error')]");
                assertThat(organiser.text(error), equalTo("First day is required"));
                assertThat(
                        organiser
                                .find(By.cssSelector("#event-form [name=firstDay]"))
                                .getAttribute("aria-invalid"),
                        equalTo("true"));
                assertThat(organiser.text(By.id("main")), not(containsString("firstDay")));
                assertThat(organiser.text(By.id("main")), not(containsString("must not be null")));
                organiser.screenshot("forms-field-error-" + (phone ? "phone" : "desktop"));
            }
            assertThat(organiser.consoleErrors(), empty());
        }
    }

    @Test
    void dateTimeFieldsAreWideEnoughForTheWholeTime() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("forms"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), true);
        try (Browser organiser = new Browser(base, "Europe/London")) {
            organiser.open("#/");
            organiser.signIn("organiser");
            for (boolean phone : new boolean[] {false, true}) {
                if (phone) {
                    organiser.phone();
                }
                for (String page : List.of("/edit", "/registrations")) {
                    organiser.open("#/events/" + event.slug + page);
                    organiser.find(By.cssSelector("input[type=datetime-local]"));
                    // the longest form Chromium shows (US English, "12/31/2027, 12:00 PM"), in the field's own font,
                    // plus its padding, border and the picker button: anything narrower cuts the time or AM/PM off
                    @SuppressWarnings("unchecked")
                    List<Map<String, Number>> fields = (List<Map<String, Number>>)
                            organiser.script("const c = document.createElement('canvas').getContext('2d');"
                                    + " return [...document.querySelectorAll('input[type=datetime-local]')].map((e) => {"
                                    + " const s = getComputedStyle(e); c.font = s.font;"
                                    + " const needed = c.measureText('12/31/2027, 12:00 PM').width"
                                    + " + parseFloat(s.paddingLeft) + parseFloat(s.paddingRight)"
                                    + " + parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth) + 32;"
                                    + " return { width: e.getBoundingClientRect().width, needed }; });");
                    for (Map<String, Number> f : fields) {
                        assertThat(
                                (phone ? "phone " : "desktop ") + page,
                                f.get("width").doubleValue(),
                                greaterThanOrEqualTo(f.get("needed").doubleValue()));
                    }
                    assertThat(organiser.documentWidth(), org.hamcrest.Matchers.lessThanOrEqualTo((long)
                            (phone ? Browser.PHONE_WIDTH : Browser.DESKTOP_WIDTH)));
                }
            }
        }
    }

    @Test
    void cancellingSomeonesRegistrationAsksFirst() {
        Event event = fixtures.publishedEvent();
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        fixtures.registration(event, "bob", Registration.State.CONFIRMED, "Asia/Baku");
        try (Browser organiser = new Browser(base, "Europe/London")) {
            organiser.open("#/events/" + event.slug + "/registrations");
            organiser.signIn("organiser");
            for (boolean phone : new boolean[] {false, true}) {
                String who = phone ? "bob" : "alice";
                if (phone) {
                    organiser.phone();
                    organiser.open("#/events/" + event.slug + "/registrations");
                }
                By cancel = By.cssSelector("button[aria-label='Cancel " + who + "']");
                organiser.click(cancel);
                var alert = organiser.wait.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
                assertThat(alert.getText(), containsString("Cancel the registration of " + who + "?"));
                alert.dismiss();
                assertThat(state(event, who), equalTo("CONFIRMED"));
                organiser.click(cancel);
                organiser
                        .wait
                        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
                        .accept();
                organiser.wait.until(d -> "CANCELLED".equals(state(event, who)));
            }
        }
    }

    private static String state(Event event, String subject) {
        List<Map<String, Object>> items = given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations?size=50")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return items.stream()
                .filter(r -> subject.equals(r.get("subject")))
                .map(r -> (String) r.get("state"))
                .findFirst()
                .orElseThrow();
    }
}
