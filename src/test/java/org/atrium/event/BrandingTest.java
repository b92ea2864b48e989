package org.atrium.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/** An event's logo and accent colour: organisers only, the logo through the common upload handling, contrast checked. */
@QuarkusTest
class BrandingTest {

    @Inject
    Fixtures fixtures;

    static ValidatableResponse brand(String user, Event event, String json) {
        return given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body(json)
                .put("/api/events/" + event.slug + "/branding")
                .then();
    }

    @Test
    void contrastRatiosAreWcags() {
        // published reference values (WebAIM's contrast checker): black on white 21:1, #767676 on white 4.54:1 (the
        // lightest grey that passes), #777777 on white 4.48:1
        assertThat(Branding.contrast("#000000", "#ffffff"), closeTo(21.0, 0.001));
        assertThat(Branding.contrast("#767676", "#ffffff"), closeTo(4.54, 0.005));
        assertThat(Branding.contrast("#ffffff", "#777777"), closeTo(4.48, 0.005));
        assertThat(Branding.tint("#0b5cad"), equalTo("#e7eff7"));
    }

    /** The surfaces the contrast is checked against are the colours app.css paints, read from the style sheet. */
    @Test
    void theSurfacesAreTheStyleSheetsColours() throws IOException {
        String css;
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/app.css")) {
            css = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(Branding.SURFACES.get("the page background"), equalTo(token(css, "canvas")));
        assertThat(Branding.SURFACES.get("white (button text, cards)"), equalTo(token(css, "surface")));
        assertThat(Branding.SURFACES.get("white (button text, cards)"), equalTo(token(css, "accent-fg")));
    }

    static String token(String css, String name) {
        var m = java.util.regex.Pattern.compile("--" + name + ":\\s*(#[0-9a-fA-F]{6})\\s*;")
                .matcher(css);
        assertThat("--" + name + " in app.css", m.find(), equalTo(true));
        return m.group(1).toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void organisersSetAnAccentThatKeepsTextReadable() {
        Event event = fixtures.publishedEvent();
        brand("organiser", event, "{\"accentColour\":\"#0B5CAD\"}")
                .statusCode(200)
                .body("accentColour", equalTo("#0b5cad"));
        given().get("/api/events/" + event.slug).then().body("accentColour", equalTo("#0b5cad"));

        // passes on white (4.54:1) but not on the page background nor on its own tint
        brand("organiser", event, "{\"accentColour\":\"#767676\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("event.accent-contrast"))
                .body("ratio", equalTo(4.02f))
                .body("minimum", equalTo(4.5f))
                .body("against", equalTo("its own light tint (badges)"))
                .body("detail", containsString("4.02:1"));
        brand("organiser", event, "{\"accentColour\":\"#ffd84d\"}")
                .statusCode(400)
                .body("code", equalTo("event.accent-contrast"))
                .body("ratio", equalTo(1.26f)) // against app.css's --canvas #f5f4f0 (was 1.27 against a stale #f6f5f2)
                .body("against", equalTo("the page background"));
        brand("organiser", event, "{\"accentColour\":\"red\"}")
                .statusCode(400)
                .body("code", equalTo("validation.failed"));
        brand("alice", event, "{\"accentColour\":\"#6b2fa0\"}").statusCode(403);
        given().get("/api/events/" + event.slug).then().body("accentColour", equalTo("#0b5cad"));

        brand("organiser", event, "{\"accentColour\":null}").statusCode(200).body("accentColour", nullValue());
    }

    @Test
    void theLogoIsAnUploadedImageOnlyOrganisersSet() throws IOException {
        Event event = fixtures.publishedEvent();
        String path = "/api/events/" + event.slug + "/logo";
        BufferedImage img = new BufferedImage(2400, 600, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);

        given().header("Authorization", Tokens.bearer("alice"))
                .contentType("image/png")
                .body(out.toByteArray())
                .put(path)
                .then()
                .statusCode(403);
        String logo = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType("image/png")
                .body(out.toByteArray())
                .put(path)
                .then()
                .statusCode(200)
                .body("logoUrl", matchesPattern(path.replace("/", "\\/") + "\\?v=\\d+"))
                .extract()
                .path("logoUrl");
        byte[] served = given().get(logo)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .extract()
                .asByteArray();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(back.getWidth() + "x" + back.getHeight(), equalTo("1024x256"));
        assertThat(back.getColorModel().hasAlpha(), equalTo(true));

        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType("image/webp")
                .body("RIFF\0\0\0\0WEBPVP8 0000000000".getBytes())
                .put(path)
                .then()
                .statusCode(415)
                .body("code", equalTo("upload.unsupported-type"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete(path)
                .then()
                .statusCode(200)
                .body("logoUrl", nullValue());
        given().get(path).then().statusCode(404).body("code", equalTo("logo.not-found"));
    }
}
