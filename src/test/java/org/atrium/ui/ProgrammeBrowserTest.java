package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Track;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The programme of an event in Baku (GMT+4, no DST) seen from a browser in London (GMT+1 in May) and one in Baku:
 * local times, local days, and the day that differs from the event's calendar marked.
 */
@QuarkusTest
class ProgrammeBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    String slug;
    Long exhibitionId;

    /** Each day as "date|HH:MM title;HH:MM title", and the marked days with the event dates they show. */
    static final String READ_PROGRAMME =
            "return [...document.querySelectorAll('#programme .day')].map(d => d.dataset.date + '|'"
                    + " + [...d.querySelectorAll('.slot')].map(s => s.querySelector('.start').textContent + ' '"
                    + " + s.querySelector('h3').textContent).join(';')"
                    + " + (d.querySelector('.day-shift') ? '|event ' + d.querySelector('.day-shift').dataset.eventDates : ''));";

    @BeforeEach
    void programme() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("prog"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), true);
        slug = event.slug;
        Venue stage = fixtures.room(event, "Main Stage", 300);
        Venue gallery = fixtures.room(event, "Gallery", 50);
        var track = fixtures.track(event, "Mine action", "#b3261e");
        ConferenceSession opening = fixtures.session(
                event,
                stage,
                "Opening: the humanitarian impact of landmines",
                at("2027-05-12T11:00:00Z"),
                at("2027-05-12T12:00:00Z"));
        fixtures.session(
                event, stage, "Late panel with Geneva", at("2027-05-12T22:30:00Z"), at("2027-05-12T23:30:00Z"));
        exhibitionId = fixtures.session(
                        event, gallery, "Exhibition tour", at("2027-05-13T19:00:00Z"), at("2027-05-13T20:00:00Z"))
                .id;
        fixtures.addSpeaker(opening, fixtures.speaker(event, "Aynur Məmmədova", null), SessionSpeaker.Role.SPEAKER);
        QuarkusTransaction.requiringNew().run(() -> {
            ConferenceSession s = ConferenceSession.findById(opening.id);
            s.track = Track.findById(track.id);
        });
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @SuppressWarnings("unchecked")
    static List<String> days(Browser browser) {
        return (List<String>) browser.script(READ_PROGRAMME);
    }

    @Test
    void londonSeesLondonTimesAndTheShiftedDay() {
        try (Browser london = new Browser(base, "Europe/London")) {
            london.open("#/events/" + slug + "/programme");
            assertThat(london.text(By.id("zone-name")), equalTo("Europe/London (GMT+1)"));
            assertThat(
                    days(london),
                    contains(
                            "2027-05-12|12:00 Opening: the humanitarian impact of landmines;23:30 Late panel with Geneva"
                                    + "|event 2027-05-12,2027-05-13",
                            "2027-05-13|20:00 Exhibition tour"));
            assertThat(
                    london.text(By.cssSelector("[data-date='2027-05-12'] .day-shift")),
                    equalTo("event calendar: Wed 12 May, Thu 13 May"));
            assertThat(
                    london.text(By.cssSelector("[data-date='2027-05-12'] .slot:nth-child(2) .event-time")),
                    equalTo("Thu 13 May 02:30 event time"));
            london.screenshot("10-programme-london");
            london.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            london.screenshot("13-programme-phone");
            london.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1100));

            // the event's zone is pinned at the top; the choice is remembered on this browser
            london.type(By.id("zone-input"), "Asia/Baku");
            london.click(By.id("zone-apply"));
            london.wait.until(d -> d.findElement(By.id("zone-name")).getText().equals("Asia/Baku (GMT+4)"));
            assertThat(london.text(By.id("zone-name")), equalTo("Asia/Baku (GMT+4)"));
            london.driver.navigate().refresh();
            london.waitForRoute("#/events/" + slug + "/programme");
            assertThat(london.text(By.id("zone-name")), equalTo("Asia/Baku (GMT+4)"));
            assertThat(
                    days(london),
                    contains(
                            "2027-05-12|15:00 Opening: the humanitarian impact of landmines",
                            "2027-05-13|02:30 Late panel with Geneva;23:00 Exhibition tour"));

            // filters: by room, then by day
            new Select(london.find(By.id("filter-room"))).selectByVisibleText("Gallery");
            assertThat(days(london), contains("2027-05-13|23:00 Exhibition tour"));
            new Select(london.find(By.id("filter-room"))).selectByVisibleText("All rooms");
            new Select(london.find(By.id("filter-day"))).selectByValue("2027-05-12");
            assertThat(days(london), contains("2027-05-12|15:00 Opening: the humanitarian impact of landmines"));
            assertThat(london.consoleErrors(), empty());
        }
    }

    @Test
    void bakuSeesTheEventsOwnCalendar() {
        try (Browser baku = new Browser(base, "Asia/Baku")) {
            baku.open("#/events/" + slug + "/programme");
            assertThat(baku.text(By.id("zone-name")), equalTo("Asia/Baku (GMT+4)"));
            assertThat(
                    days(baku),
                    contains(
                            "2027-05-12|15:00 Opening: the humanitarian impact of landmines",
                            "2027-05-13|02:30 Late panel with Geneva;23:00 Exhibition tour"));
            assertThat(baku.driver.findElements(By.cssSelector(".day-shift")), empty());
            assertThat(
                    baku.text(By.cssSelector(".slot .facts")),
                    equalTo("talk · Main Stage · Mine action · Aynur Məmmədova"));
            baku.screenshot("11-programme-baku");

            // a signed-in participant stars a session, filters on stars and gets a personal calendar address
            baku.signIn("bob");
            baku.click(By.xpath("//button[contains(@class, 'star') and contains(., ': Exhibition tour')]"));
            baku.wait.until(d -> "true"
                    .equals(d.findElement(
                                    By.xpath("//button[contains(@class, 'star') and contains(., ': Exhibition tour')]"))
                            .getAttribute("aria-pressed")));
            given().header("Authorization", Tokens.bearer("bob"))
                    .get("/api/events/" + slug + "/agenda")
                    .then()
                    .statusCode(200)
                    .body("starred", contains(exhibitionId.intValue()));
            baku.click(By.id("filter-starred"));
            assertThat(days(baku), contains("2027-05-13|23:00 Exhibition tour"));
            baku.click(By.id("get-calendar"));
            assertThat(baku.find(By.id("webcal-link")).getAttribute("href"), startsWith("webcal://"));
            assertThat(baku.find(By.id("feed-url")).getAttribute("value"), endsWith(".ics"));
            baku.screenshot("12-programme-starred-calendar");
            assertThat(baku.consoleErrors(), empty());
        }
    }
}
