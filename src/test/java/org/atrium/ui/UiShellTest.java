package org.atrium.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.atrium.support.Fixtures;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

@QuarkusTest
class UiShellTest {

    @TestHTTPResource("/")
    URL base;

    static String issuer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() {
        String issuerOrigin = issuer().replaceAll("^(https?://[^/]+).*$", "$1");
        String expected = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:;"
                + " connect-src 'self' ws: wss: " + issuerOrigin + "; font-src 'self'; object-src 'none';"
                + " base-uri 'none'; form-action 'self' " + issuerOrigin + "; frame-ancestors 'none'";
        for (String path : new String[] {"/", "/index.html", "/js/app.js", "/app.css", "/api/events"}) {
            given().get(path)
                    .then()
                    .statusCode(200)
                    .header("Content-Security-Policy", equalTo(expected))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"));
        }
        String page = given().get("/").then().statusCode(200).extract().asString();
        // the policy forbids inline code, so the page must have none
        assertThat(page, not(containsString("<style")));
        assertThat(page, not(containsString(" style=")));
        assertThat(page.matches("(?s).*\\son[a-z]+=.*"), equalTo(false));
        assertThat(page, containsString("<script type=\"module\" src=\"/js/app.js\"></script>"));
        assertThat(page.split("<script").length, equalTo(2));
    }

    /** The app serves its own SVG favicon and the shell links it (it linked an empty data: URL before). */
    @Test
    void theShellLinksTheFaviconTheAppServes() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page, containsString("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"));
        String svg = given().get("/favicon.svg")
                .then()
                .statusCode(200)
                .contentType(containsString("image/svg+xml"))
                .extract()
                .asString();
        assertThat(svg, containsString("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void signInSettingsNameTheProviderAndPublicClient() {
        given().get("/api/ui-config")
                .then()
                .statusCode(200)
                .body("issuer", equalTo(issuer()))
                .body("clientId", equalTo("quarkus-app"))
                .body("scope", equalTo("openid profile email"))
                .body("authorizationEndpoint", equalTo(issuer() + "/authorize"))
                .body("tokenEndpoint", equalTo("/api/ui-config/dev-token"))
                .body("devProvider", equalTo(true));
    }

    @Test
    void devTokenRelayOnlyRelaysBrowserGrants() {
        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password")
                .formParam("username", "organiser")
                .formParam("password", "organiser")
                .post("/api/ui-config/dev-token")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.grant-unsupported"));
    }

    @Test
    void devTokenRelayRefreshesTokensAsAProviderWould() {
        String refreshToken = given().formParam("grant_type", "password")
                .formParam("username", "alice")
                .formParam("password", "alice")
                .formParam("client_id", "quarkus-app")
                .formParam(
                        "client_secret",
                        ConfigProvider.getConfig().getValue("quarkus.oidc.credentials.secret", String.class))
                .post(issuer() + "/token")
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");
        // what the browser sends: a public client has no secret
        String accessToken = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .formParam("client_id", "quarkus-app")
                .post("/api/ui-config/dev-token")
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .extract()
                .path("access_token");
        given().header("Authorization", "Bearer " + accessToken)
                .post("/api/live/tickets")
                .then()
                .statusCode(201);
    }

    @Test
    void organiserSignsInCreatesAndPublishesAnEvent() {
        String slug = Fixtures.uniqueSlug("ui");
        try (Browser browser = new Browser(base, "Europe/London")) {
            browser.open("#/");
            browser.screenshot("01-events-signed-out");
            browser.signIn("organiser");
            assertThat(browser.text(By.id("signed-in-as")), equalTo("Organiser"));

            browser.click(By.linkText("New event"));
            browser.waitForRoute("#/events/new");
            browser.type(By.name("title"), "Humanitarian Impact of Landmines <b>2027</b>");
            browser.type(By.name("slug"), slug);
            browser.type(By.name("description"), "Panels, an exhibition\nand <script>alert(1)</script> as text.");
            browser.type(By.name("timeZone"), "Asia/Baku");
            browser.setValue(By.name("firstDay"), "2027-05-12");
            browser.setValue(By.name("lastDay"), "2027-05-13");
            browser.screenshot("02-event-create");
            browser.click(By.id("save-event"));

            browser.waitForRoute("#/events/" + slug + "/edit");
            assertThat(browser.text(By.tagName("h1")), equalTo("Edit: Humanitarian Impact of Landmines <b>2027</b>"));
            assertThat(browser.text(By.cssSelector("#life-h .badge")), equalTo("draft"));
            browser.click(By.id("publish"));
            browser.wait.until(d ->
                    d.findElement(By.cssSelector("#life-h .badge")).getText().equals("published"));
            browser.screenshot("03-event-edit");

            given().get("/api/events/" + slug)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PUBLISHED"))
                    .body("timeZone", equalTo("Asia/Baku"))
                    .body("firstDay", equalTo("2027-05-12"))
                    .body("description", endsWith("as text."));

            browser.open("#/events/" + slug);
            assertThat(browser.text(By.tagName("h1")), equalTo("Humanitarian Impact of Landmines <b>2027</b>"));
            assertThat(
                    browser.text(By.id("event-when")),
                    equalTo("Wednesday 12 May 2027 – Thursday 13 May 2027 · times of this event are set in"
                            + " Asia/Baku (GMT+4)"));
            // user text is shown as text: no element was made from it
            assertThat(browser.driver.findElements(By.cssSelector("main b, main script")), empty());
            assertThat(
                    browser.text(By.cssSelector(".description")), containsString("<script>alert(1)</script> as text."));
            browser.screenshot("04-event-home");

            // the list pages (the test database holds every test's events): page on until ours shows
            browser.open("#/");
            browser.wait.until(d -> {
                if (d.findElement(By.id("event-list"))
                        .getText()
                        .contains("Humanitarian Impact of Landmines <b>2027</b>")) {
                    return true;
                }
                d.findElement(By.id("more-events")).click();
                return null;
            });
            assertThat(browser.consoleErrors(), empty());

            // sign-out passes through the provider's end-session endpoint (the page is left and loaded again) and
            // comes back to Atrium signed out
            browser.script("window.beforeSignOut = true;");
            browser.click(By.id("sign-out"));
            browser.wait.until(d -> d.getCurrentUrl().equals(base.toString())
                    && Boolean.TRUE.equals(browser.script("return window.beforeSignOut === undefined;"))
                    && !d.findElements(By.id("sign-in")).isEmpty());
            assertThat(browser.script("return sessionStorage.getItem('atrium.auth');"), equalTo(null));
            assertThat(browser.consoleErrors(), empty());
        }
    }

    @Test
    void signedOutVisitorIsAskedToSignInBeforeCreating() {
        try (Browser browser = new Browser(base, null)) {
            browser.open("#/events/new");
            assertThat(browser.text(By.tagName("main")), containsString("You need to sign in first."));
            assertThat(browser.driver.findElements(By.id("event-form")), empty());
        }
    }
}
