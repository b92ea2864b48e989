package org.atrium.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by the system chromedriver (never downloaded), with its own fresh profile and,
 * optionally, its own time zone (as a participant elsewhere in the world would have).
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String base;
    private final Path profile;

    Browser(URL base, String timeZone) {
        this.base = base.toString().replaceAll("/$", "");
        try {
            profile = Files.createTempDirectory("atrium-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--lang=en-GB",
                "--window-size=1280,1100",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        Map<String, String> env = new HashMap<>();
        if (timeZone != null) {
            env.put("TZ", timeZone);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .withEnvironment(env)
                .build();
        driver = new ChromeDriver(service, options);
        if (timeZone != null) {
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
        }
        // live pages re-render as the room changes: an element found a moment ago may be replaced, so retry
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** Desktop width, as the browser starts. */
    static final int DESKTOP_WIDTH = 1280;

    /** A phone held upright (an iPhone 12-15 class screen in CSS pixels). */
    static final int PHONE_WIDTH = 390;

    static final int PHONE_HEIGHT = 844;

    /** Emulates a phone-sized touch screen from now on (the page re-lays out at once; no reload needed). */
    Browser phone() {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "deviceScaleFactor", 1, "mobile", true));
        return this;
    }

    /** Back to the desktop window the browser started with. */
    Browser desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        return this;
    }

    /** The page's scroll width in CSS pixels: wider than the viewport means sideways scrolling. */
    long documentWidth() {
        return ((Number) script("return document.documentElement.scrollWidth;")).longValue();
    }

    private static String axeSource;

    /**
     * axe-core (bundled in the test classpath, never fetched) run over the whole page: its critical and serious
     * violations, one line each with the offending elements, empty when there are none. Also on: the experimental
     * label-content-name-mismatch (a button's name must contain its visible text, for speech input) and the minor
     * empty-table-header, both seen in the wild.
     */
    @SuppressWarnings("unchecked")
    List<String> axeViolations() {
        synchronized (Browser.class) {
            if (axeSource == null) {
                try (var in = Browser.class.getResourceAsStream("/axe.min.js")) {
                    axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException | NullPointerException e) {
                    throw new IllegalStateException("axe.min.js is not on the test classpath", e);
                }
            }
        }
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
            script(axeSource);
        }
        return (List<String>) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, { resultTypes: ['violations'], rules: {"
                + " 'label-content-name-mismatch': { enabled: true } } }).then((r) => done(r.violations"
                + ".filter((v) => v.impact === 'critical' || v.impact === 'serious'"
                + " || v.id === 'empty-table-header')"
                + ".map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')"
                + " + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))"
                + ".catch((e) => done(['axe failed: ' + e]));");
    }

    /** Opens a UI route (a hash such as {@code #/events/x}) and waits until the page rendered it. */
    Browser open(String hash) {
        driver.get(base + "/" + hash);
        waitForRoute(hash);
        return this;
    }

    void waitForRoute(String hash) {
        wait.until(d -> hash.equals(d.findElement(By.tagName("body")).getAttribute("data-route")));
    }

    /** Signs in through the OIDC provider's own login page (authorization code + PKCE from the browser). */
    Browser signIn(String user) {
        if (driver.getCurrentUrl() == null || !driver.getCurrentUrl().startsWith(base)) {
            open("#/");
        }
        String route = driver.findElement(By.tagName("body")).getAttribute("data-route");
        click(By.id("sign-in"));
        wait.until(d -> !d.getCurrentUrl().startsWith(base));
        WebElement account = wait.until(
                ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='" + user + "']")));
        account.click();
        wait.until(ExpectedConditions.textToBe(By.id("signed-in-as"), displayName(user)));
        waitForRoute(route);
        return this;
    }

    /** The dev provider's name claim: the user name capitalised. */
    static String displayName(String user) {
        return Character.toUpperCase(user.charAt(0)) + user.substring(1);
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    String text(By by) {
        return wait.until(d -> {
            WebElement el = d.findElement(by);
            return el.isDisplayed() ? el.getText() : null;
        });
    }

    void click(By by) {
        wait.until(d -> {
            WebElement el = d.findElement(by);
            if (!el.isDisplayed() || !el.isEnabled()) {
                return null;
            }
            el.click();
            return true;
        });
    }

    void type(By by, String text) {
        wait.until(d -> {
            WebElement el = d.findElement(by);
            if (!el.isDisplayed()) {
                return null;
            }
            el.clear();
            el.sendKeys(text);
            return text.equals(el.getAttribute("value")) ? true : null;
        });
    }

    /** Sets an input's value as the browser's own date picker would (typing dates is locale-dependent). */
    void setValue(By by, String value) {
        WebElement el = find(by);
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1];"
                                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                        el,
                        value);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** A full-page PNG under target/screenshots/. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Number height = (Number) script("return Math.max(document.body.scrollHeight, window.innerHeight);");
            Number width = (Number) script("return document.documentElement.clientWidth;");
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                            "format",
                            "png",
                            "captureBeyondViewport",
                            true,
                            "clip",
                            Map.of(
                                    "x",
                                    0,
                                    "y",
                                    0,
                                    "width",
                                    width.intValue(),
                                    "height",
                                    Math.min(height.intValue(), 6000),
                                    "scale",
                                    1)));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Script failures and Content-Security-Policy violations logged so far (HTTP error statuses the page handles,
     * which Chromium also logs, are left out).
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
