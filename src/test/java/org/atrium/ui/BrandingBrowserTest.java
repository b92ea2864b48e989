package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * An organiser gives the event its look in the editor: a colour too light is refused with its measured contrast, a
 * readable one and a logo are applied to the event's pages for every visitor, and pages outside the event keep
 * Atrium's own.
 */
@QuarkusTest
class BrandingBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    String slug;

    @BeforeEach
    void event() {
        slug = fixtures.event(
                        Fixtures.uniqueSlug("brand"),
                        "Asia/Baku",
                        LocalDate.of(2027, 5, 12),
                        LocalDate.of(2027, 5, 12),
                        true)
                .slug;
    }

    static Path logo() throws Exception {
        BufferedImage img = new BufferedImage(480, 120, BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        g.setColor(new Color(107, 47, 160));
        g.fillRoundRect(0, 0, 480, 120, 40, 40);
        g.dispose();
        Path file = Files.createTempFile("atrium-logo", ".png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static String accent(Browser b) {
        return ((String) b.script("return getComputedStyle(document.documentElement).getPropertyValue('--accent');"))
                .trim();
    }

    @Test
    void theOrganisersColourAndLogoDressTheEventsPages() throws Exception {
        try (Browser organiser = new Browser(base, "Asia/Baku")) {
            organiser.open("#/events/" + slug + "/edit");
            organiser.signIn("organiser");
            organiser.find(By.id("branding-panel"));

            organiser.type(By.id("accent-hex"), "#767676");
            organiser.click(By.id("save-accent"));
            assertThat(
                    organiser.text(By.cssSelector("#branding-status .notice-error")),
                    containsString("has a contrast of only 4.02:1 with its own light tint (badges)"));

            organiser.type(By.id("accent-hex"), "#6b2fa0");
            organiser.click(By.id("save-accent"));
            organiser.wait.until(textToBe(By.cssSelector("#branding-status .notice"), "Accent colour saved."));
            organiser.driver.findElement(By.id("logo-file")).sendKeys(logo().toString());
            organiser.wait.until(textToBe(By.cssSelector("#branding-status .notice"), "Logo saved."));
            organiser.find(By.id("logo-preview"));
            organiser.screenshot("66-branding-editor");
            assertThat(organiser.consoleErrors(), empty());
        }

        try (Browser visitor = new Browser(base, "Europe/London")) {
            visitor.open("#/events/" + slug);
            visitor.wait.until(d -> "#6b2fa0".equals(accent(visitor)));
            assertThat(
                    visitor.script("return getComputedStyle(document.getElementById('to-programme')).backgroundColor;"),
                    equalTo("rgb(107, 47, 160)"));
            visitor.find(By.cssSelector("#event-logo img"));
            visitor.wait.until(d -> ((Number)
                                    visitor.script(
                                            "const i = document.querySelector('#event-logo img'); return i.complete ? i.naturalWidth : 0;"))
                            .intValue()
                    == 480);
            assertThat(visitor.find(By.cssSelector("#event-logo img")).getAttribute("alt"), equalTo("Event " + slug));
            visitor.screenshot("67-branded-event");

            visitor.driver.manage().window().setSize(new Dimension(390, 844));
            visitor.open("#/events/" + slug + "/programme");
            visitor.wait.until(d -> "#6b2fa0".equals(accent(visitor)));
            visitor.find(By.cssSelector("#event-logo img"));
            assertThat(
                    ((Number)
                                    visitor.script(
                                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                            .longValue(),
                    lessThanOrEqualTo(0L));
            visitor.screenshot("68-branded-programme-phone");

            // outside the event: Atrium's own look again
            visitor.open("#/");
            visitor.wait.until(d -> d.findElements(By.id("event-logo")).isEmpty());
            assertThat(accent(visitor).equals("#6b2fa0"), equalTo(false));
            assertThat(visitor.consoleErrors(), empty());
        }
    }
}
