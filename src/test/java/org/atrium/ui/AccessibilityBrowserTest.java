package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core over every page as each role sees it (anonymous, participant, speaker, organiser), at desktop width and on
 * a phone: no critical or serious violation. The live pages are checked with questions in every state (voted,
 * answered, pending) and chat in them, as people see them during a session.
 */
@QuarkusTest
class AccessibilityBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Test
    void everyPageForEveryRoleHasNoCriticalOrSeriousViolation() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event =
                fixtures.event(Fixtures.uniqueSlug("a11y"), "Asia/Baku", today.minusDays(1), today.plusDays(1), true);
        var stage = fixtures.room(event, "Main Stage", 300);
        var track = fixtures.track(event, "Mine action", "#b03a2e");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ConferenceSession session = fixtures.session(
                event, stage, "Clearing land, restoring lives", now.minusSeconds(600), now.plusSeconds(3000));
        fixtures.assignTrack(session, track);
        var speakerProfile = fixtures.speaker(event, "Dr. Leyla Hüseynova", "speaker");
        fixtures.addSpeaker(session, speakerProfile, SessionSpeaker.Role.SPEAKER);
        fixtures.session(event, stage, "Mapping minefields", now.plusSeconds(3600), now.plusSeconds(7200));
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        fixtures.registration(event, "bob", Registration.State.PENDING, "Asia/Baku");
        String invitation = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType("application/json")
                .body(Map.of("kind", "ORGANISER", "email", "carol@example.org"))
                .post("/api/events/" + event.slug + "/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("link");
        String invitationHash = invitation.substring(invitation.indexOf('#'));
        String ev = "#/events/" + event.slug;
        String room = ev + "/sessions/" + session.id;
        List<String> found = new ArrayList<>();

        try (Browser anonymous = new Browser(base, "Europe/London")) {
            for (String page :
                    List.of("#/", ev, ev + "/programme", ev + "/register", room, invitationHash, "#/nowhere")) {
                check(anonymous, page, "anonymous", found);
            }
        }
        try (Browser speaker = new Browser(base, "Asia/Baku");
                Browser alice = new Browser(base, "Europe/London")) {
            speaker.open(room + "/moderate");
            speaker.signIn("speaker");
            live(speaker);
            alice.open(room);
            alice.signIn("alice");
            live(alice);
            alice.script("return window.atriumLive.send('question.ask', { text: 'How many hectares were cleared?' });");
            alice.script(
                    "return window.atriumLive.send('question.ask', { text: 'Is the exhibition open at night?' });");
            alice.script("return window.atriumLive.send('chat.post', { text: 'Hello from London' });");
            speaker.wait.until(d -> d.findElements(By.cssSelector("#visible-questions [data-state='visible']"))
                            .size()
                    == 2);
            speaker.script("const q = [...window.atriumLive.state.questions.values()]"
                    + ".find((q) => q.text.startsWith('How many'));"
                    + " return window.atriumLive.send('question.answer', { questionId: q.id });");
            speaker.script("return window.atriumLive.send('question.ask', { text: 'A question of my own' });");
            alice.wait.until(d -> !d.findElements(By.cssSelector("#answered [data-state='answered']"))
                    .isEmpty());
            alice.click(By.cssSelector("#questions button[aria-pressed='false']:enabled"));
            alice.wait.until(d -> !d.findElements(By.cssSelector("#questions button[aria-pressed='true']"))
                    .isEmpty());

            checkHere(alice, room, "participant", found);
            for (String page : List.of(ev + "/programme", ev + "/register", ev, "#/notifications")) {
                check(alice, page, "participant", found);
            }
            checkHere(speaker, room + "/moderate", "speaker", found);
            check(speaker, room + "/projector", "speaker", found);
        }
        try (Browser organiser = new Browser(base, "Europe/Zurich")) {
            organiser.open("#/");
            organiser.signIn("organiser");
            for (String page : List.of(
                    "#/",
                    "#/events/new",
                    ev + "/edit",
                    ev + "/registrations",
                    ev + "/registrations?state=PENDING",
                    ev + "/exhibition/edit")) {
                check(organiser, page, "organiser", found);
            }
            check(organiser, room + "/moderate", "organiser", found);
        }
        try (Browser bob = new Browser(base, "Europe/Paris")) {
            bob.open(invitationHash);
            bob.signIn("bob");
            checkHere(bob, invitationHash, "invited", found);
        }
        assertThat(String.join("\n", found), found, empty());
    }

    /** After a click to another page, the first Tab reaches the skip link: focus starts again at the top. */
    @Test
    void afterEachNavigationTheFirstTabReachesTheSkipLink() {
        Event event = fixtures.publishedEvent();
        try (Browser b = new Browser(base, "Europe/London")) {
            for (boolean phone : new boolean[] {false, true}) {
                if (phone) {
                    b.phone();
                }
                // from a page that links to the event whatever else the suite has created (the event list pages by 50)
                b.open("#/events/" + event.slug + "/programme");
                b.click(By.cssSelector(".crumbs a[href='#/events/" + event.slug + "']"));
                b.waitForRoute("#/events/" + event.slug);
                b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
                assertThat(
                        phone ? "phone" : "desktop",
                        b.script("return document.activeElement.id;"),
                        equalTo("skip-link"));
                b.click(By.id("to-programme"));
                b.waitForRoute("#/events/" + event.slug + "/programme");
                b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
                assertThat(
                        phone ? "phone" : "desktop",
                        b.script("return document.activeElement.id;"),
                        equalTo("skip-link"));
                // the skip link leads past the header to the page's content
                b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
                b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
                assertThat(
                        (Boolean) b.script("return document.getElementById('main').contains(document.activeElement);"),
                        equalTo(true));
            }
        }
    }

    private static void live(Browser b) {
        b.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
    }

    private static void check(Browser b, String hash, String role, List<String> found) {
        b.open(hash);
        if (hash.contains("/sessions/") && !hash.endsWith("/projector")) {
            if (!b.driver.findElements(By.id("live-status")).isEmpty() || !"anonymous".equals(role)) {
                live(b);
            }
        }
        checkHere(b, hash, role, found);
    }

    private static void checkHere(Browser b, String hash, String role, List<String> found) {
        b.find(By.cssSelector("#main h1"));
        for (String v : b.axeViolations()) {
            found.add(role + " " + hash + " desktop: " + v);
        }
        b.phone();
        try {
            for (String v : b.axeViolations()) {
                found.add(role + " " + hash + " phone: " + v);
            }
        } finally {
            b.desktop();
        }
    }
}
