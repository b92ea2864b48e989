package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.atrium.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Atrium against the identity provider people deploy: Keycloak's server distribution (unpacked into target/keycloak
 * by the build, version pinned in the pom) started on a free port with the project's realm
 * ({@code docker/keycloak/atrium-realm.json}: redirect URIs pointed at this test's Atrium, access tokens living 40 s),
 * and the packaged Atrium (prod profile, its own JVM, embedded PostgreSQL) verifying its tokens. Everyone signs in on
 * Keycloak's own login page in Chromium (authorization code + PKCE, public client {@code atrium-web}).
 *
 * <p>Addresses as in {@code docker/compose.yml}: browsers reach Keycloak at {@code http://localhost:<port>} (its
 * {@code KC_HOSTNAME}, the issuer of every token) and Atrium at {@code http://127.0.0.1:<port>} (its
 * {@code ATRIUM_PUBLIC_URL}, from which the realm import derives the redirect URIs); Atrium reaches Keycloak at
 * {@code http://127.0.0.1:<port>} (back-channel, {@code KC_HOSTNAME_BACKCHANNEL_DYNAMIC}), and gives browsers the
 * public address ({@code ATRIUM_UI_PUBLIC_ISSUER}).
 *
 * <p>The live part lasts past two token refreshes: each refresh moves the room to a connection from the new token,
 * and the page must stay "Live" with every chat line acknowledged once. Meanwhile a speaker, invited by e-mail, opens
 * the link in their own browser, signs in on Keycloak's page, accepts and moderates the participant's question from
 * their console; the account the invitation bound is Keycloak's (a UUID subject) and is shown by the person's name.
 * Sign-out must end the Keycloak session, so that signing in again asks for the password.
 */
class KeycloakBrowserIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REALM = "atrium";
    /**
     * Short, so that refreshes happen within the test (a quarter of it, 10 s, before expiry: every 30 s) and the test
     * stays about a minute shorter than with a minute's token.
     */
    static final int ACCESS_TOKEN_SECONDS = 40;

    static final String QUESTION = "Does the room survive a token refresh?";
    static final String ANSWER = "It moves to a new connection without a break.";

    static Path work;
    static Path keycloakHome;
    static Process keycloak;
    static Process atrium;
    static EmbeddedDatabase db;
    /** Keycloak as browsers reach it: the issuer of every token. */
    static String keycloakBase;
    /** Keycloak as Atrium reaches it (discovery, keys). */
    static String keycloakInternal;

    static String appBase;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        String home = System.getProperty("atrium.keycloak.home");
        assertTrue(
                home != null && Files.isDirectory(Path.of(home, "bin")),
                "Keycloak's distribution is unpacked by the build (./mvnw verify) into target/keycloak; got " + home);
        keycloakHome = Path.of(home);
        // logs stay in target/ for a failed run to be read
        work = Path.of("target", "keycloak-it").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        int keycloakPort = freePort();
        int appPort = freePort();
        // the compose file's split: a public and an internal address for Keycloak
        keycloakBase = "http://localhost:" + keycloakPort;
        keycloakInternal = "http://127.0.0.1:" + keycloakPort;
        appBase = "http://127.0.0.1:" + appPort;
        keycloak = startKeycloak(keycloakPort);
        db = EmbeddedDatabase.start(work.resolve("pg"), freePort());
        atrium = startAtrium(appPort);
        awaitReady(
                keycloak,
                work.resolve("keycloak.log"),
                keycloakInternal + "/realms/" + REALM + "/.well-known/openid-configuration");
        awaitReady(atrium, work.resolve("atrium.log"), appBase + "/q/health/ready");
    }

    @AfterAll
    static void stop() {
        for (Process p : new Process[] {atrium, keycloak}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (db != null) {
            db.stop();
        }
        if (work != null) {
            try {
                deleteTree(work.resolve("pg"));
            } catch (IOException e) {
                // the next run starts afresh anyway
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void signInLiveRoomThroughTokenRefreshesAndSignOut() throws Exception {
        try (Browser organiser = new Browser(URI.create(appBase).toURL(), "Asia/Baku");
                Browser alice = new Browser(URI.create(appBase).toURL(), "Europe/London");
                Browser speaker = new Browser(URI.create(appBase).toURL(), "Europe/Paris")) {
            try {
                run(organiser, alice, speaker);
            } catch (Throwable e) {
                // what each page showed, for the report
                for (var b : Map.of("organiser", organiser, "alice", alice, "speaker", speaker)
                        .entrySet()) {
                    System.err.println(
                            b.getKey() + "'s page " + b.getValue().driver.getCurrentUrl() + ":\n"
                                    + b.getValue()
                                            .driver
                                            .findElement(By.tagName("body"))
                                            .getText());
                    b.getValue().screenshot("keycloak-failed-" + b.getKey());
                }
                throw e;
            }
        }
    }

    private static void run(Browser organiser, Browser alice, Browser speaker) throws Exception {
        String slug = "keycloak-" + Long.toString(System.nanoTime(), 36);
        // the browser is given Keycloak's public address, though Atrium read the discovery document at the internal
        // one, whose back-channel token endpoint Keycloak names with the internal address
        JsonNode ui = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(appBase + "/api/ui-config"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        String publicIssuer = keycloakBase + "/realms/" + REALM;
        assertEquals(publicIssuer, ui.get("issuer").asText());
        assertThat(ui.get("authorizationEndpoint").asText(), startsWith(publicIssuer + "/"));
        assertThat(ui.get("tokenEndpoint").asText(), startsWith(publicIssuer + "/"));
        assertThat(ui.get("endSessionEndpoint").asText(), startsWith(publicIssuer + "/"));
        // the organiser signs in on Keycloak's page and creates the event in the UI
        organiser.open("#/");
        signIn(organiser, "organiser", "Olivia Organiser");
        organiser.click(By.linkText("New event"));
        organiser.waitForRoute("#/events/new");
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(4));
        organiser.type(By.name("title"), "Keycloak Day");
        organiser.type(By.name("slug"), slug);
        organiser.type(By.name("timeZone"), "Asia/Baku");
        organiser.setValue(By.name("firstDay"), today.minusDays(1).toString());
        organiser.setValue(By.name("lastDay"), today.plusDays(1).toString());
        organiser.click(By.id("save-event"));
        organiser.waitForRoute("#/events/" + slug + "/edit");
        organiser.click(By.id("publish"));
        organiser.wait.until(
                d -> d.findElement(By.cssSelector("#life-h .badge")).getText().equals("published"));
        // a speaker, a session of theirs running now and open registration, through the API with the organiser's own
        // token
        String token = accessToken(organiser);
        long speakerId = call("POST", "/api/events/" + slug + "/speakers", token, Map.of("name", "Eleanor W."), 201)
                .get("id")
                .asLong();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        JsonNode session = call(
                "POST",
                "/api/events/" + slug + "/sessions",
                token,
                Map.of(
                        "title",
                        "Refreshing tokens",
                        "type",
                        "TALK",
                        "start",
                        now.minus(Duration.ofMinutes(5)).toString(),
                        "end",
                        now.plus(Duration.ofHours(2)).toString(),
                        "speakers",
                        List.of(Map.of("speakerId", speakerId))),
                201);
        call(
                "PUT",
                "/api/events/" + slug + "/registration-settings",
                token,
                Map.of("open", true, "mode", "AUTOMATIC"),
                200);
        String room = "#/events/" + slug + "/sessions/" + session.get("id").asLong();
        // the speaker is invited by e-mail: the link goes to them, not to an account the organiser would have to name
        String link = call(
                        "POST",
                        "/api/events/" + slug + "/invitations",
                        token,
                        Map.of("kind", "SPEAKER", "email", "speaker@atrium.example", "speakerId", speakerId),
                        201)
                .get("link")
                .asText();
        assertThat(link, startsWith(appBase + "/#/events/" + slug + "/invitations/"));

        // the organiser waits in the room, watching
        organiser.open(room);
        organiser.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));

        // a participant signs in, registers and joins the live room
        alice.open("#/events/" + slug + "/register");
        signIn(alice, "alice", "Alice Participant");
        alice.click(By.id("register"));
        assertThat(alice.text(By.id("registration-state")), equalTo("confirmed"));
        alice.open(room);
        alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
        // from now on the page records every status the room reports, every connection it opens and every token
        // refresh it asks for, watching from outside the room's code (the page's status callback, the browser's
        // WebSocket and fetch)
        alice.script("const r = window.atriumLive; r.statuses = [];"
                + " const onStatus = r.handlers.onStatus;"
                + " r.handlers.onStatus = (s) => { r.statuses.push(s); onStatus(s); };"
                + " const Socket = window.WebSocket; window.liveSockets = 0;"
                + " window.WebSocket = class extends Socket {"
                + "   constructor(...args) { super(...args); window.liveSockets += 1; } };"
                + " const fetch = window.fetch; window.tokenRefreshes = 0;"
                + " window.fetch = (url, init) => {"
                + "   if (init?.body instanceof URLSearchParams && init.body.get('grant_type') === 'refresh_token')"
                + "     window.tokenRefreshes += 1;"
                + "   return fetch(url, init); };");
        int refreshesBefore = refreshes(alice);

        // meanwhile, in their own browser, the speaker accepts the invitation and opens their console; they moderate
        // the participant's question once it arrives (pin it, then, once she saw it pinned, reply and mark it answered)
        CountDownLatch consoleOpen = new CountDownLatch(1);
        CountDownLatch pinSeen = new CountDownLatch(1);
        ExecutorService speakerThread = Executors.newSingleThreadExecutor();
        Future<?> speakerDone = speakerThread.submit(() -> {
            speaker.open(link.substring(link.indexOf('#')));
            speaker.find(By.id("sign-in-to-accept"));
            signIn(speaker, "speaker", "Eleanor Whitcombe");
            assertThat(speaker.text(By.id("invitation-what")), containsString("as Eleanor W."));
            speaker.click(By.id("accept-invitation"));
            speaker.waitForRoute("#/events/" + slug);
            speaker.open(room + "/moderate");
            speaker.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            consoleOpen.countDown();
            new WebDriverWait(speaker.driver, Duration.ofMinutes(3))
                    .until(d -> !d.findElements(By.cssSelector(
                                    "#visible-questions button[aria-label='Pin: answering now: " + QUESTION + "']"))
                            .isEmpty());
            speaker.click(
                    By.cssSelector("#visible-questions button[aria-label='Pin: answering now: " + QUESTION + "']"));
            assertTrue(pinSeen.await(3, TimeUnit.MINUTES), "the participant saw the question pinned");
            speaker.type(By.cssSelector("input[aria-label='Reply to: " + QUESTION + "']"), ANSWER);
            speaker.click(By.xpath("//input[@aria-label='Reply to: " + QUESTION + "']/following-sibling::button"));
            speaker.click(By.cssSelector("#visible-questions button[aria-label='Mark answered: " + QUESTION + "']"));
            assertThat(speaker.consoleErrors(), empty());
            return null;
        });
        speakerThread.shutdown();
        boolean asked = false;

        // posts through two refreshes (a 40 s token is renewed every 30 s), each one acknowledged; asks the speaker a
        // question once their console is open, and watches it being moderated
        List<String> posted = new ArrayList<>();
        Deadline deadline = new Deadline(Duration.ofMinutes(4));
        while (refreshes(alice) < refreshesBefore + 2 || posted.size() < 3 || !speakerDone.isDone()) {
            deadline.check("two token refreshes and the speaker's moderation");
            if (!asked && consoleOpen.getCount() == 0) {
                alice.type(By.id("ask-text"), QUESTION);
                alice.click(By.id("ask"));
                asked = true;
            }
            if (pinSeen.getCount() > 0
                    && !alice.driver
                            .findElements(By.cssSelector("#pinned-question .question.pinned"))
                            .isEmpty()) {
                assertThat(alice.text(By.cssSelector("#pinned-question .text")), equalTo(QUESTION));
                pinSeen.countDown();
            }
            String text = "line " + (posted.size() + 1);
            alice.type(By.id("chat-text"), text);
            alice.click(By.id("chat-send"));
            // the input is cleared once the server acknowledged the line
            alice.wait.until(
                    d -> d.findElement(By.id("chat-text")).getAttribute("value").isEmpty());
            posted.add(text);
            alice.wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
            Thread.sleep(4000);
        }
        speakerDone.get();
        // what the participant sees of the speaker's moderation: answered, with the speaker's reply under their name
        alice.wait.until(d -> !d.findElements(By.cssSelector("#answered [data-state='answered']"))
                .isEmpty());
        assertThat(alice.text(By.cssSelector("#answered .text")), equalTo(QUESTION));
        // a speaker replies under the name the programme gives them, not their Keycloak account's
        assertThat(alice.text(By.cssSelector("#answered .replies")), equalTo("Eleanor W.: " + ANSWER));
        assertThat(alice.driver.findElements(By.cssSelector("#pinned-question")), empty());
        // the invitation bound the speaker to the Keycloak account that accepted it: a UUID subject, shown by name
        JsonNode linked = get("/api/events/" + slug + "/speakers/" + speakerId, accessToken(organiser));
        assertThat(linked.get("accountSubject").asText(), matchesPattern("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"));
        assertThat(linked.get("accountName").asText(), equalTo("Eleanor Whitcombe"));

        // one more after the last renewal took over
        alice.wait.until(
                d -> Boolean.TRUE.equals(alice.script("const r = window.atriumLive; return !r.next && !r.renewing;")));
        String last = "line " + (posted.size() + 1);
        alice.type(By.id("chat-text"), last);
        alice.click(By.id("chat-send"));
        alice.wait.until(
                d -> d.findElement(By.id("chat-text")).getAttribute("value").isEmpty());
        posted.add(last);

        assertThat(alice.text(By.id("live-status")), equalTo("Live"));
        assertThat(((Number) alice.script("return window.atriumLive.pending.size;")).intValue(), equalTo(0));
        @SuppressWarnings("unchecked")
        List<String> statuses = (List<String>) alice.script("return window.atriumLive.statuses;");
        assertThat(
                "no break was shown",
                statuses.stream().filter(s -> !s.equals("open")).toList(),
                empty());
        assertThat(
                "each refresh moved the room to a new connection",
                ((Number) alice.script("return window.liveSockets;")).intValue(),
                greaterThanOrEqualTo(2));
        // the organiser, in the room all along, saw each line exactly once and in order
        organiser.wait.until(d -> chatLines(organiser).size() >= posted.size());
        assertEquals(posted, chatLines(organiser));
        assertEquals(posted, chatLines(alice));
        assertThat(alice.consoleErrors(), empty());

        // the network drops the socket of a renewed token's connection: the page comes back with the resume ticket that
        // connection's join ended with (minted from a refreshed Keycloak token, with its sid), not with a new ticket;
        // dropped in the same script that finds no renewal under way, so the socket dropped is the room's connection
        alice.wait.until(d -> Boolean.TRUE.equals(alice.script("const r = window.atriumLive;"
                + " if (r.next || r.renewing || !r.ws?.live || !r.ws.resumeTicket) return false;"
                + " window.__dropped = r.ws; window.__dropped.close(); return true;")));
        alice.wait.until(d -> Boolean.TRUE.equals(
                alice.script("const r = window.atriumLive; return r.ws !== window.__dropped && r.status === 'open';")));
        assertThat(alice.text(By.id("live-status")), equalTo("Live"));
        assertThat(
                "back with the dropped connection's resume ticket",
                alice.script("return window.atriumLive.ws.url.includes("
                        + "'ticket=' + encodeURIComponent(window.__dropped.resumeTicket));"),
                equalTo(true));
        String resumed = "line " + (posted.size() + 1);
        alice.type(By.id("chat-text"), resumed);
        alice.click(By.id("chat-send"));
        alice.wait.until(
                d -> d.findElement(By.id("chat-text")).getAttribute("value").isEmpty());
        posted.add(resumed);
        organiser.wait.until(d -> chatLines(organiser).size() >= posted.size());
        assertEquals(posted, chatLines(organiser));
        assertEquals(posted, chatLines(alice));
        assertThat(alice.consoleErrors(), empty());

        // sign-out ends the Keycloak session: signing in again asks for the password, and Keycloak's back-channel
        // logout makes Atrium refuse the session's access token at once, although it has not expired
        // (with at least half of its lifetime still to live, or the next refreshed one, so that it has not expired by
        // itself when the sign-out has gone through)
        if (expiresAt(accessToken(alice)) - java.time.Instant.now().getEpochSecond() < ACCESS_TOKEN_SECONDS / 2) {
            int refreshed = refreshes(alice);
            new WebDriverWait(alice.driver, Duration.ofSeconds(90)).until(d -> refreshes(alice) > refreshed);
        }
        String aliceToken = accessToken(alice);
        long aliceTokenExpires = expiresAt(aliceToken);
        assertEquals("200", me(aliceToken));
        alice.script("window.beforeSignOut = true;");
        alice.click(By.id("sign-out"));
        // back from Keycloak's end-session endpoint: the page was left and loaded again
        new WebDriverWait(alice.driver, Duration.ofSeconds(60))
                .until(d -> d.getCurrentUrl().startsWith(appBase)
                        && Boolean.TRUE.equals(alice.script("return window.beforeSignOut === undefined;"))
                        && !d.findElements(By.id("sign-in")).isEmpty());
        String refused = me(aliceToken);
        assertTrue(
                java.time.Instant.now().getEpochSecond() < aliceTokenExpires,
                "the sign-out took longer than the token lives: nothing shown");
        assertEquals("401 auth.invalid-token", refused, "a token of the ended session is refused before it expires");
        alice.click(By.id("sign-in"));
        alice.wait.until(d -> d.getCurrentUrl().startsWith(keycloakBase));
        assertThat(alice.find(By.id("password")).isDisplayed(), equalTo(true));
        assertThat(alice.driver.getCurrentUrl(), startsWith(keycloakBase + "/realms/" + REALM + "/"));
        assertThat(organiser.consoleErrors(), empty());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Signs in on Keycloak's login page and waits until Atrium shows the account's name. */
    private static void signIn(Browser browser, String user, String name) {
        String route = browser.driver.findElement(By.tagName("body")).getAttribute("data-route");
        browser.click(By.id("sign-in"));
        // Keycloak renders its first login page slowly (templates, themes) on a busy machine
        new WebDriverWait(browser.driver, Duration.ofSeconds(90))
                .until(d -> d.getCurrentUrl().startsWith(keycloakBase));
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), user);
        browser.click(By.id("kc-login"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.textToBe(By.id("signed-in-as"), name));
        browser.waitForRoute(route);
    }

    /** A token's {@code exp} (epoch seconds). */
    private static long expiresAt(String token) {
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return Long.parseLong(payload.replaceAll(".*\"exp\":(\\d+).*", "$1"));
    }

    /** The status of {@code GET /api/me} with an access token, and the problem's code when refused. */
    private static String me(String accessToken) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(appBase + "/api/me"))
                        .header("Authorization", "Bearer " + accessToken)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? "200"
                : response.statusCode() + " "
                        + JSON.readTree(response.body()).path("code").asText();
    }

    private static String accessToken(Browser browser) {
        return (String) browser.script("return JSON.parse(sessionStorage.getItem('atrium.auth')).accessToken;");
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(appBase + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static int refreshes(Browser browser) {
        return ((Number) browser.script("return window.tokenRefreshes;")).intValue();
    }

    private static List<String> chatLines(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>)
                browser.script(
                        "return [...document.querySelectorAll('#chat-log li')].map((li) => li.querySelector('.text').textContent);");
        return lines;
    }

    private static JsonNode call(String method, String path, String token, Map<String, Object> body, int status)
            throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(appBase + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    /**
     * The project's realm as the compose file imports it (its browser client's addresses are resolved from
     * {@code ATRIUM_PUBLIC_URL} by Keycloak's import), with a 40 s access token.
     */
    static ObjectNode realm() throws IOException {
        ObjectNode realm = (ObjectNode)
                JSON.readTree(Path.of("docker", "keycloak", "atrium-realm.json").toFile());
        realm.put("accessTokenLifespan", ACCESS_TOKEN_SECONDS);
        return realm;
    }

    private static Process startKeycloak(int port) throws Exception {
        // a fresh store each run: Keycloak skips the import when the realm already exists
        Path data = keycloakHome.resolve("data");
        deleteTree(data);
        Path imports = Files.createDirectories(data.resolve("import"));
        JSON.writeValue(imports.resolve("atrium-realm.json").toFile(), realm());
        ProcessBuilder pb = new ProcessBuilder(
                        keycloakHome.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--http-management-port=" + freePort(),
                        "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("keycloak.log").toFile());
        // as in docker/compose.yml: the public address is the issuer, back-channel calls keep the address they used
        pb.environment().put("KC_HOSTNAME", keycloakBase);
        pb.environment().put("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");
        pb.environment().put("ATRIUM_PUBLIC_URL", appBase);
        // where Keycloak posts back-channel logout tokens (compose: http://proxy:80)
        pb.environment().put("ATRIUM_INTERNAL_URL", appBase);
        pb.environment().put("JAVA_HOME", keycloakJava());
        // start-up is mostly class loading and one-off work: the quick compiler alone starts it sooner on 2 cores
        pb.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + System.nanoTime());
        return pb.start();
    }

    /** Keycloak 26 runs on JDK 17 or 21 (on 25 it sometimes stops at start); the test's own JDK otherwise. */
    private static String keycloakJava() {
        for (String candidate : List.of(
                "/usr/lib/jvm/java-21-openjdk-amd64",
                "/usr/lib/jvm/temurin-21-jdk-amd64",
                "/usr/lib/jvm/java-17-openjdk-amd64",
                "/usr/lib/jvm/temurin-17-jdk-amd64")) {
            if (Files.isExecutable(Path.of(candidate, "bin", "java"))) {
                return candidate;
            }
        }
        return System.getProperty("java.home");
    }

    private static Process startAtrium(int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("atrium.app.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Dquarkus.http.port=" + port,
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                        "-Dquarkus.datasource.username=" + EmbeddedDatabase.USER,
                        "-Dquarkus.datasource.password=" + EmbeddedDatabase.USER,
                        // Keycloak is still starting: Atrium waits for its discovery document (retrying for up to
                        // connection-delay, blocking start-up for up to connection-timeout) instead of starting
                        // without it
                        "-Dquarkus.oidc.connection-delay=4M",
                        "-Dquarkus.oidc.connection-timeout=4M",
                        "-jar",
                        jar)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("atrium.log").toFile());
        // the identity settings docker/compose.yml gives Atrium, with this test's addresses
        String publicIssuer = keycloakBase + "/realms/" + REALM;
        pb.environment().put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloakInternal + "/realms/" + REALM);
        pb.environment().put("QUARKUS_OIDC_TOKEN_ISSUER", publicIssuer);
        pb.environment().put("QUARKUS_OIDC_CLIENT_ID", "atrium-web");
        pb.environment().put("ATRIUM_UI_PUBLIC_ISSUER", publicIssuer);
        pb.environment().put("ATRIUM_PUBLIC_URL", appBase);
        pb.environment().put("ATRIUM_ORGANISING_ROLE", "organiser");
        return pb.start();
    }

    private static void awaitReady(Process process, Path log, String url) throws Exception {
        Deadline deadline = new Deadline(Duration.ofMinutes(4));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + ": process stopped:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (deadline.passed()) {
                throw new IllegalStateException(url + " did not become ready:\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A time limit for a loop that waits on something outside the browser. */
    private record Deadline(long endNanos) {
        Deadline(Duration limit) {
            this(System.nanoTime() + limit.toNanos());
        }

        boolean passed() {
            return System.nanoTime() > endNanos;
        }

        void check(String what) {
            if (passed()) {
                throw new AssertionError("timed out waiting for " + what);
            }
        }
    }
}
