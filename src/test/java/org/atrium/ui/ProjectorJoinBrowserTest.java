package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * The projector tells the hall how to join: the short link in words and as a QR code that a phone can scan (read back
 * here from Chromium's own rendering of it, by ZXing's decoder), and says so when there are no questions yet. The
 * short link then opens the session's live room.
 */
@QuarkusTest
class ProjectorJoinBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    String slug;
    long sessionId;

    @BeforeEach
    void session() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("proj"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), true);
        slug = event.slug;
        sessionId = fixtures.session(
                        event,
                        fixtures.room(event, "Main Stage", 300),
                        "Opening",
                        Instant.parse("2027-05-12T11:00:00Z"),
                        Instant.parse("2027-05-12T12:00:00Z"))
                .id;
    }

    /** What a phone camera would read from the rendered QR code. */
    static String scan(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        var bitmap =
                new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }

    @Test
    void theProjectorShowsHowToJoinAndTheLinkLeadsToTheRoom() throws Exception {
        String host = base.getHost() + ":" + base.getPort();
        String shortUrl = "http://" + host + "/s/" + sessionId;
        try (Browser organiser = new Browser(base, "Asia/Baku")) {
            organiser.open("#/events/" + slug);
            organiser.signIn("organiser"); // the projector hides the header, so sign in before
            organiser.open("#/events/" + slug + "/sessions/" + sessionId + "/projector");
            assertThat(organiser.text(By.id("join-url")), equalTo(host + "/s/" + sessionId));
            assertThat(
                    organiser.text(By.id("projector-empty")),
                    equalTo("No questions yet. Ask yours at " + host + "/s/" + sessionId + "."));
            organiser.wait.until(d ->
                    ((Number) organiser.script("return document.getElementById('join-qr').naturalWidth;")).intValue()
                            > 0);
            assertThat(scan(organiser.find(By.id("join-qr")).getScreenshotAs(OutputType.BYTES)), equalTo(shortUrl));
            organiser.screenshot("64-projector-join");

            organiser.driver.manage().window().setSize(new Dimension(390, 844));
            organiser.find(By.id("join-qr"));
            assertThat(
                    ((Number)
                                    organiser.script(
                                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                            .longValue(),
                    lessThanOrEqualTo(0L));
            assertThat(scan(organiser.find(By.id("join-qr")).getScreenshotAs(OutputType.BYTES)), equalTo(shortUrl));
            organiser.screenshot("65-projector-join-phone");
            assertThat(organiser.consoleErrors(), empty());
        }

        try (Browser phone = new Browser(base, "Europe/London")) {
            phone.driver.manage().window().setSize(new Dimension(390, 844));
            phone.driver.get(shortUrl);
            phone.waitForRoute("#/events/" + slug + "/sessions/" + sessionId);
            assertThat(phone.text(By.cssSelector("#main h1")), equalTo("Opening"));
        }
    }
}
