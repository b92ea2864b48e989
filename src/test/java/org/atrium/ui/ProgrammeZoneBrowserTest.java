package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.exhibition.ExhibitionSeed;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The programme's zone picker takes every form the server reads ("GMT+4", "UTC-3:30", zone ids, a city through the
 * server's suggestions), a link's zone never breaks the page, a participant's registered zone is the one shown, a
 * session over several days says when it ends, and sessions in progress are marked "Live now". At desktop and phone
 * sizes.
 */
@QuarkusTest
class ProgrammeZoneBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    ExhibitionSeed seed;

    /**
     * An event in Baku (GMT+4) with a talk and an exhibition from Wednesday 08:54 to Friday 20:00 Baku time, which opens
     * the gallery "Traces".
     */
    Event bakuEvent() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("zones"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 14), true);
        Venue stage = fixtures.room(event, "Main Stage", 300);
        fixtures.session(
                event, stage, "Opening", Instant.parse("2027-05-12T11:00:00Z"), Instant.parse("2027-05-12T12:00:00Z"));
        ConferenceSession exhibition = fixtures.session(
                event,
                fixtures.room(event, "Gallery", 50),
                "Exhibition: traces in the soil",
                Instant.parse("2027-05-12T04:54:00Z"),
                Instant.parse("2027-05-14T16:00:00Z"));
        // the exhibition session opens the gallery "Traces": the programme links to it
        QuarkusTransaction.requiringNew().run(() -> {
            long gallery = seed.gallery(
                    Event.findById(event.id),
                    "Traces",
                    null,
                    0,
                    true,
                    List.of(new ExhibitionSeed.Opening(exhibition.startsAt, exhibition.endsAt)));
            seed.openedBy(gallery, ConferenceSession.findById(exhibition.id));
        });
        return event;
    }

    /** Each session as "start–end title". */
    @SuppressWarnings("unchecked")
    static List<String> slots(Browser browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll('#programme .slot')].map(s =>"
                + " s.querySelector('.start').textContent + '–' + s.querySelector('.end').textContent + ' '"
                + " + s.querySelector('h3').textContent);");
    }

    @Test
    void anyZoneFormIsChoosableAndNoZoneBreaksThePage() {
        String programme = "#/events/" + bakuEvent().slug + "/programme";
        for (Dimension size : List.of(new Dimension(1280, 1100), new Dimension(390, 844))) {
            String device = size.getWidth() < 500 ? "phone" : "desktop";
            try (Browser london = new Browser(base, "Europe/London")) {
                london.driver.manage().window().setSize(size);

                // a link with GMT+4 (the + encoded): read by the server, shown as GMT+4, the page works
                london.open(programme + "?zone=GMT%2B4");
                assertThat(london.text(By.id("zone-name")), equalTo("GMT+4"));
                assertThat(london.find(By.id("zone-input")).getAttribute("value"), equalTo("GMT+4"));
                // the exhibition ends two days later: its end says which day
                assertThat(
                        slots(london),
                        contains("08:54–Fri 14 May 20:00 Exhibition: traces in the soil", "15:00–16:00 Opening"));
                // the session that opens a gallery links to it
                assertThat(
                        london.text(By.cssSelector("#programme .slot .opens-gallery")),
                        equalTo("Opens the gallery Traces"));
                london.click(By.cssSelector("#programme .slot .opens-gallery a"));
                london.wait.until(d -> d.getCurrentUrl().contains("/galleries/"));
                london.open("#/");
                london.open(programme + "?zone=GMT%2B4");
                london.screenshot("14-programme-gmt4-" + device);
                Number right = (Number)
                        london.script("return document.getElementById('zone-input').getBoundingClientRect().right;");
                assertThat(right.intValue(), lessThanOrEqualTo(size.getWidth()));

                // a POSIX id shows in the picker as it was given
                london.open("#/");
                london.open(programme + "?zone=Etc/GMT-4");
                assertThat(london.find(By.id("zone-input")).getAttribute("value"), equalTo("Etc/GMT-4"));
                assertThat(london.text(By.id("zone-name")), equalTo("Etc/GMT-4 (GMT+4)"));

                // a zone nobody knows: said plainly, the programme stays in the browser's zone
                london.open("#/");
                london.open(programme + "?zone=Mars/Olympus_Mons");
                assertThat(
                        london.text(By.cssSelector("#zone-problem .notice")),
                        startsWith("Unknown time zone 'Mars/Olympus_Mons'."));
                assertThat(london.text(By.id("zone-name")), equalTo("Europe/London (GMT+1)"));
                assertThat(
                        slots(london),
                        contains("05:54–Fri 14 May 17:00 Exhibition: traces in the soil", "12:00–13:00 Opening"));

                // typed: an offset with half an hour
                london.type(By.id("zone-input"), "UTC-3:30");
                london.click(By.id("zone-apply"));
                london.wait.until(
                        d -> d.findElement(By.id("zone-name")).getText().equals("GMT-3:30"));
                assertThat(
                        slots(london),
                        contains("01:24–Fri 14 May 12:30 Exhibition: traces in the soil", "07:30–08:30 Opening"));
                assertThat(london.driver.findElements(By.cssSelector("#zone-problem .notice")), empty());

                // typed: a city, which the server suggests as a zone id
                london.type(By.id("zone-input"), "baku");
                london.click(By.id("zone-apply"));
                london.click(By.cssSelector("#zone-problem button[data-zone='Asia/Baku']"));
                london.wait.until(
                        d -> d.findElement(By.id("zone-name")).getText().equals("Asia/Baku (GMT+4)"));
                london.screenshot("15-programme-zone-typed-" + device);
                assertThat(london.consoleErrors(), empty());
            }
        }
    }

    @Test
    void aSessionOverSeveralDaysSaysWhenItEnds() {
        Event event = bakuEvent();
        try (Browser london = new Browser(base, "Europe/London")) {
            london.driver.manage().window().setSize(new Dimension(390, 844));
            london.open("#/events/" + event.slug + "/programme");
            assertThat(
                    slots(london),
                    contains("05:54–Fri 14 May 17:00 Exhibition: traces in the soil", "12:00–13:00 Opening"));
            london.click(By.linkText("Exhibition: traces in the soil"));
            // the session's own page says both days, then its live room does
            london.wait.until(d -> d.getCurrentUrl().endsWith("/about"));
            assertThat(london.text(By.cssSelector(".session-when")), containsString("Fri 14 May"));
            london.click(By.id("to-live-room"));
            london.wait.until(d -> !d.getCurrentUrl().endsWith("/about"));
            assertThat(
                    london.text(By.id("session-when")),
                    equalTo("Wed 12 May 05:54 – Fri 14 May 17:00 Europe/London (GMT+1)"
                            + " · Wed 12 May 08:54 – Fri 14 May 20:00 in Asia/Baku · 59 h 6 min"));
            london.screenshot("18-session-several-days-phone");
            assertThat(london.consoleErrors(), empty());
        }
    }

    @Test
    void aParticipantsRegisteredZoneIsTheOneShown() {
        Event event = bakuEvent();
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"open\":true,\"mode\":\"AUTOMATIC\"}")
                .put("/api/events/" + event.slug + "/registration-settings")
                .then()
                .statusCode(200);
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "GMT+4");
        try (Browser alice = new Browser(base, "Europe/London");
                Browser bob = new Browser(base, "Europe/London")) {
            alice.open("#/events/" + event.slug + "/programme");
            assertThat(alice.text(By.id("zone-name")), equalTo("Europe/London (GMT+1)"));
            alice.signIn("alice");
            alice.wait.until(d -> d.findElement(By.id("zone-name")).getText().equals("GMT+4"));
            assertThat(slots(alice).get(1), equalTo("15:00–16:00 Opening"));
            alice.script("performance.clearResourceTimings();");
            alice.open("#/events/" + event.slug + "/register");
            assertThat(alice.text(By.id("signup-zone")), equalTo("Times in GMT+4."));
            // the registered zone comes from the registration, not from rendering the whole programme
            assertThat(
                    alice.script("return performance.getEntriesByType('resource').map(e => e.name)"
                            + ".filter(n => n.includes('/programme')).length;"),
                    equalTo(0L));

            // registering with GMT+4 (as the form suggests) on a phone
            bob.driver.manage().window().setSize(new Dimension(390, 844));
            bob.open("#/events/" + event.slug + "/register");
            bob.signIn("bob");
            bob.type(By.name("timeZone"), "GMT+4");
            bob.click(By.id("register"));
            assertThat(bob.text(By.id("signup-zone")), equalTo("Times in GMT+4."));
            bob.open("#/events/" + event.slug + "/programme");
            assertThat(bob.text(By.id("zone-name")), equalTo("GMT+4"));
            bob.screenshot("16-programme-registered-zone-phone");
            assertThat(alice.consoleErrors(), empty());
            assertThat(bob.consoleErrors(), empty());
        }
    }

    @Test
    void sessionsInProgressAreMarkedLiveNow() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event = fixtures.event(
                Fixtures.uniqueSlug("now"), "Europe/London", today.minusDays(1), today.plusDays(1), true);
        Venue stage = fixtures.room(event, "Main Stage", 300);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        long running = fixtures.session(
                        event, stage, "Running now", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(2)))
                .id;
        fixtures.session(event, stage, "Later", now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(4)));
        for (Dimension size : List.of(new Dimension(1280, 1100), new Dimension(390, 844))) {
            try (Browser viewer = new Browser(base, "Europe/London")) {
                viewer.driver.manage().window().setSize(size);
                viewer.open("#/events/" + event.slug + "/programme");
                assertThat(
                        viewer.text(By.cssSelector("[data-session-id='" + running + "'] .badge-live")),
                        equalTo("Live now"));
                assertThat(
                        viewer.driver
                                .findElements(By.cssSelector(".badge-live"))
                                .size(),
                        equalTo(1));
                viewer.screenshot("17-programme-live-now-" + (size.getWidth() < 500 ? "phone" : "desktop"));
                assertThat(viewer.consoleErrors(), empty());
            }
        }
    }
}
