package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.security.AccountSignedOut;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A participant's live room through a dropped network and an expired sign-in (the server's {@code auth.expired} and
 * 4001): each time the page must show the break, come back to "Live", and deliver once what was typed during it; a
 * message that cannot be sent any more (the sign-in ended during the break) is reported to its author, not kept
 * pending. On a phone-sized window, where the note must fit.
 */
@QuarkusTest
class LiveRoomReconnectBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Event<AccountSignedOut> signedOut;

    /** Holds the page's live-ticket requests until released (the break lasts as long as the test wants). */
    static final String HOLD_TICKETS = "const real = window.fetch; window.__realFetch = real;"
            + " window.__gate = new Promise(r => { window.__release = r; });"
            + " window.fetch = (u, o) => String(u).includes('/api/live/tickets')"
            + "   ? window.__gate.then(answer => answer ? answer() : real(u, o)) : real(u, o);";

    @Test
    void droppedSocketAndExpiredTokenComeBackLiveAndDeliverWhatWasTypedOnce() {
        org.atrium.event.Event event = fixtures.event(
                Fixtures.uniqueSlug("blip"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), true);
        ConferenceSession session = fixtures.session(
                event,
                fixtures.room(event, "Main Stage", 300),
                "Clearing land, restoring lives",
                Instant.parse("2027-05-12T11:00:00Z"),
                Instant.parse("2027-05-12T12:00:00Z"));
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        String room = "#/events/" + event.slug + "/sessions/" + session.id;

        try (Browser alice = new Browser(base, "Europe/London")) {
            alice.driver.manage().window().setSize(new Dimension(390, 844));
            WebDriverWait slow = new WebDriverWait(alice.driver, Duration.ofSeconds(40));
            alice.open(room);
            alice.signIn("alice");
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            alice.click(By.id("tab-chat")); // on a phone the chat is a tab beside the questions

            // 1. the network goes away and the socket with it
            alice.driver.executeCdpCommand("Network.enable", Map.of());
            network(alice, true);
            alice.script("window.__dropped = window.atriumLive.ws; window.__dropped.close();");
            alice.wait.until(d ->
                    "reconnecting".equals(d.findElement(By.id("live-status")).getAttribute("data-status")));
            alice.type(By.id("chat-text"), "typed while offline");
            alice.click(By.id("chat-send"));
            assertThat(
                    alice.text(By.id("live-pending")),
                    equalTo("· 1 message waiting for the connection: sent as soon as the room is back"));
            alice.screenshot("37-live-phone-pending-offline");
            alice.script("window.__resume = window.__dropped.resumeTicket;");
            network(alice, false);
            slow.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            // back with the resume ticket the dropped connection's join ended with: no new ticket asked for
            assertThat(
                    alice.script("return window.__resume && window.atriumLive.ws.url.includes("
                            + "'ticket=' + encodeURIComponent(window.__resume));"),
                    equalTo(true));
            alice.wait.until(d -> chat(alice).contains("Alice typed while offline"));
            alice.wait.until(d -> d.findElements(By.id("live-pending")).isEmpty());
            assertThat(alice.find(By.id("chat-text")).getAttribute("value"), equalTo(""));

            // 1b. online, but the first attempt fails on its way (a proxy failing over to another node: here it goes
            // to a path that does not exist): the resume ticket gets a second attempt, which comes back with it
            alice.script("const Socket = window.WebSocket; window.__attempts = 0;"
                    + " window.WebSocket = class extends Socket {"
                    + "   constructor(url, protocols) {"
                    + "     super(++window.__attempts === 1 ? url.replace('/live/', '/nowhere/') : url, protocols); } };"
                    + " window.__dropped = window.atriumLive.ws; window.__resume = window.__dropped.resumeTicket;"
                    + " window.__dropped.close();");
            slow.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            assertThat(((Number) alice.script("return window.__attempts;")).intValue(), equalTo(2));
            assertThat(
                    alice.script("return window.atriumLive.ws.url.includes("
                            + "'ticket=' + encodeURIComponent(window.__resume));"),
                    equalTo(true));
            // the browser's report of the attempt this step failed on purpose, and nothing else (read: the log is
            // emptied, and the end of the test looks at what comes after)
            assertThat(alice.consoleErrors(), everyItem(containsString("/nowhere/")));

            // 2. the sign-in expires: the server says auth.expired and closes with 4001; the new ticket is held back
            alice.script(HOLD_TICKETS + " window.__before = window.atriumLive.ws;");
            signedOut.fire(new AccountSignedOut("alice", null));
            alice.wait.until(d -> (Boolean) alice.script("return window.atriumLive.ws !== window.__before;"));
            alice.type(By.id("chat-text"), "typed while the sign-in renewed");
            alice.click(By.id("chat-send"));
            alice.find(By.id("live-pending"));
            alice.script("window.__release();");
            alice.wait.until(d -> chat(alice).contains("Alice typed while the sign-in renewed"));
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            alice.wait.until(d -> d.findElements(By.id("live-pending")).isEmpty());

            // delivered once each: after a reload (a fresh snapshot) too
            assertThat(chat(alice), contains("Alice typed while offline", "Alice typed while the sign-in renewed"));
            alice.driver.navigate().refresh();
            alice.waitForRoute(room);
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            alice.click(By.id("tab-chat"));
            alice.wait.until(d -> chat(alice).size() == 2);
            assertThat(chat(alice), contains("Alice typed while offline", "Alice typed while the sign-in renewed"));

            // 3. the line is stored but its ack and its event go down with the socket, and the minute runs out: it is
            // reported as not sent until the resumed connection brings the line, then the report is taken back
            alice.script("const live = window.atriumLive, receive = live.receive.bind(live); window.__lost = [];"
                    + " live.receive = (f, ws) => ['ack', 'chat.posted'].includes(f.type)"
                    + " ? window.__lost.push(f.type) : receive(f, ws);");
            alice.type(By.id("chat-text"), "stored but never acknowledged");
            alice.click(By.id("chat-send"));
            alice.wait.until(d -> (Boolean) alice.script("return window.__lost.includes('ack');"));
            alice.script(
                    "for (const ref of [...window.atriumLive.pending.keys()]) window.atriumLive.giveUp(ref, 'timeout');");
            assertThat(
                    alice.text(By.cssSelector("#chat-status .notice-error")),
                    equalTo("Not sent: the live room could not be reached for a minute."
                            + " Check your connection and send it again."));
            alice.script("delete window.atriumLive.receive; window.atriumLive.drop();");
            alice.wait.until(d -> chat(alice).contains("Alice stored but never acknowledged"));
            alice.wait.until(d ->
                    d.findElements(By.cssSelector("#chat-status .notice-error")).isEmpty());
            assertThat(alice.find(By.id("chat-text")).getAttribute("value"), equalTo(""));
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            assertThat(
                    chat(alice),
                    contains(
                            "Alice typed while offline",
                            "Alice typed while the sign-in renewed",
                            "Alice stored but never acknowledged"));

            // 4. the sign-in ends during a break: what was typed is reported as not sent, never left pending
            alice.script(HOLD_TICKETS + " window.__before = window.atriumLive.ws;");
            signedOut.fire(new AccountSignedOut("alice", null));
            alice.wait.until(d -> (Boolean) alice.script("return window.atriumLive.ws !== window.__before;"));
            alice.type(By.id("chat-text"), "typed as the sign-in ended");
            alice.click(By.id("chat-send"));
            alice.find(By.id("live-pending"));
            alice.script("window.__release(() => Promise.resolve(new Response("
                    + "JSON.stringify({status: 401, code: 'auth.invalid-token'}),"
                    + " {status: 401, headers: {'Content-Type': 'application/problem+json'}})));");
            alice.wait.until(
                    d -> "signed-out".equals(d.findElement(By.id("live-status")).getAttribute("data-status")));
            assertThat(
                    alice.text(By.cssSelector("#chat-status .notice-error")),
                    equalTo("Not sent: your sign-in has ended. Sign in again and send it again."));
            assertThat(alice.driver.findElements(By.id("live-pending")), empty());
            assertThat(alice.find(By.id("chat-text")).getAttribute("value"), equalTo("typed as the sign-in ended"));
            alice.screenshot("38-live-phone-not-sent");
            assertThat(alice.consoleErrors(), empty());
        }
    }

    static void network(Browser browser, boolean offline) {
        browser.driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** The chat lines as "Author text". */
    @SuppressWarnings("unchecked")
    static List<String> chat(Browser browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll('#chat-log li')]"
                + ".map(li => li.querySelector('.by').textContent + ' ' + li.querySelector('.text').textContent);");
    }
}
