package org.atrium.stage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Stream addresses over REST: what an organiser may type (URLs of each provider, bare ids) and what the server makes
 * of it (normalised address, privacy-friendly embed), the hostile inputs it refuses with their codes, who sees a
 * meeting's address, the lobby's now and next, and the player frame's per-event Content-Security-Policy.
 */
@QuarkusTest
class StageResourceTest {

    @Inject
    Fixtures fixtures;

    static ValidatableResponse send(String method, String user, String path, Object body) {
        var request = given().contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        if (user != null) {
            request = request.header("Authorization", Tokens.bearer(user));
        }
        return request.request(method, path).then();
    }

    record Good(Map<String, Object> form, String provider, String kind, String url, String embedUrl) {}

    static Map<String, Object> url(String url) {
        return Map.of("url", url);
    }

    static final String YT = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    static final String YT_EMBED = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ";

    static final List<Good> GOOD = List.of(
            new Good(url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s#top"), "YOUTUBE", "EMBED", YT, YT_EMBED),
            new Good(url("https://youtu.be/dQw4w9WgXcQ"), "YOUTUBE", "EMBED", YT, YT_EMBED),
            new Good(url("https://YouTube.com/live/dQw4w9WgXcQ?feature=share"), "YOUTUBE", "EMBED", YT, YT_EMBED),
            new Good(Map.of("url", "dQw4w9WgXcQ", "provider", "YOUTUBE"), "YOUTUBE", "EMBED", YT, YT_EMBED),
            new Good(
                    url("https://vimeo.com/76979871"),
                    "VIMEO",
                    "EMBED",
                    "https://vimeo.com/76979871",
                    "https://player.vimeo.com/video/76979871?dnt=1"),
            new Good(
                    url("https://tube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d"),
                    "PEERTUBE",
                    "EMBED",
                    "https://tube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
                    "https://tube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?p2p=0&warningTitle=0"),
            new Good(
                    url("https://Stream.Example.org:443/live/main.m3u8#now"),
                    "HLS",
                    "PLAYER",
                    "https://stream.example.org/live/main.m3u8",
                    null),
            new Good(
                    Map.of("url", "https://meet.jit.si/AtriumMainStage", "allowEmbed", true),
                    "JITSI",
                    "MEETING",
                    "https://meet.jit.si/AtriumMainStage",
                    "https://meet.jit.si/AtriumMainStage"),
            new Good(
                    Map.of("url", "https://bbb.example.org/b/abc-def-ghi", "provider", "BIGBLUEBUTTON"),
                    "BIGBLUEBUTTON",
                    "MEETING",
                    "https://bbb.example.org/b/abc-def-ghi",
                    null),
            new Good(
                    url("https://us02web.zoom.us/j/123456789?pwd=abc"),
                    "ZOOM",
                    "MEETING",
                    "https://us02web.zoom.us/j/123456789?pwd=abc",
                    null),
            new Good(
                    url("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x"),
                    "TEAMS",
                    "MEETING",
                    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x",
                    null));

    @Test
    void goodAddressesAreReadAndNormalised() {
        Event event = fixtures.publishedEvent();
        Venue venue = fixtures.room(event, "Main Stage", 100);
        String path = "/api/events/" + event.slug + "/rooms/" + venue.id + "/stream";
        for (Good g : GOOD) {
            send("PUT", "organiser", path, g.form())
                    .statusCode(200)
                    .body("provider", equalTo(g.provider()))
                    .body("kind", equalTo(g.kind()))
                    .body("url", equalTo(g.url()))
                    .body("embedUrl", equalTo(g.embedUrl()))
                    .body("from", equalTo("room"));
            send("DELETE", "organiser", path, null).statusCode(204);
        }
        send("GET", null, path, null).statusCode(404).body("code", equalTo("stream.not-found"));
    }

    record Bad(Map<String, Object> form, String code) {}

    static final List<Bad> HOSTILE = List.of(
            new Bad(url("javascript:alert(1)"), "stream.scheme-not-allowed"),
            new Bad(url("JavaScript:alert(document.cookie)//.m3u8"), "stream.scheme-not-allowed"),
            new Bad(url("data:text/html,<script>alert(1)</script>"), "stream.scheme-not-allowed"),
            new Bad(url("data:application/vnd.apple.mpegurl;base64,I0VYVE0zVQ=="), "stream.scheme-not-allowed"),
            new Bad(url("file:///etc/passwd.m3u8"), "stream.scheme-not-allowed"),
            new Bad(url("http://stream.example.org/live.m3u8"), "stream.https-required"),
            new Bad(url("https://user:secret@stream.example.org/live.m3u8"), "stream.credentials-in-url"),
            new Bad(
                    Map.of("url", "https://evil.example/watch?v=dQw4w9WgXcQ", "provider", "YOUTUBE"),
                    "stream.unknown-host"),
            new Bad(Map.of("url", "https://zoom.us.evil.example/j/1", "provider", "ZOOM"), "stream.unknown-host"),
            new Bad(Map.of("url", "https://evil.example/v/1", "provider", "VIMEO"), "stream.unknown-host"),
            new Bad(url("https://evil.example/page.html"), "stream.unrecognised"),
            new Bad(url("https://www.youtube.com/watch?v=short"), "stream.invalid-video-id"),
            new Bad(url("https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><script>"), "stream.url-invalid"),
            new Bad(Map.of("url", "https://stream.example.org/live.mp4", "provider", "HLS"), "stream.not-hls"),
            new Bad(url("//stream.example.org/live.m3u8"), "stream.url-invalid"),
            new Bad(url("https://stream.example.org/a b.m3u8"), "stream.url-invalid"),
            new Bad(url("https:///live.m3u8"), "stream.url-invalid"),
            new Bad(url("https://stream.example.org/" + "a".repeat(10 * 1024) + ".m3u8"), "stream.url-too-long"),
            new Bad(url("   "), "stream.url-required"),
            new Bad(Map.of("url", "https://example.org/talk", "provider", "LINK"), "stream.provider-not-allowed"),
            new Bad(Map.of("url", "https://us02web.zoom.us/j/1", "allowEmbed", true), "stream.embed-not-allowed"));

    @Test
    void hostileAddressesAreRefusedWithTheirCodes() {
        Event event = fixtures.publishedEvent();
        Venue venue = fixtures.room(event, "Main Stage", 100);
        String path = "/api/events/" + event.slug + "/rooms/" + venue.id + "/stream";
        for (Bad b : HOSTILE) {
            send("PUT", "organiser", path, b.form())
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo(b.code()));
        }
        send("GET", null, path, null).statusCode(404);
        // a meeting is no recording
        ConferenceSession session = fixtures.session(
                event, venue, "Talk", Instant.parse("2027-05-12T10:00:00Z"), Instant.parse("2027-05-12T11:00:00Z"));
        send(
                        "PUT",
                        "organiser",
                        "/api/events/" + event.slug + "/sessions/" + session.id + "/recording",
                        url("https://meet.jit.si/Room"))
                .statusCode(400)
                .body("code", equalTo("stream.provider-not-allowed"));
        // only organisers set streams
        send("PUT", null, path, url(YT)).statusCode(401);
        send("PUT", "alice", path, url(YT)).statusCode(403);
    }

    @Test
    void aMeetingsAddressIsForThoseAdmittedAndASessionsOwnStreamWins() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Event event = fixtures.event(
                Fixtures.uniqueSlug("stage"), "Europe/London", today.minusDays(1), today.plusDays(1), true);
        Venue venue = fixtures.room(event, "Main Stage", 100);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ConferenceSession session =
                fixtures.session(event, venue, "Clearing land", now.minusSeconds(600), now.plusSeconds(3000));
        String base = "/api/events/" + event.slug;
        send(
                        "PUT",
                        "organiser",
                        base + "/rooms/" + venue.id + "/stream",
                        Map.of(
                                "url",
                                "https://us02web.zoom.us/j/123?pwd=secret",
                                "instructions",
                                "Passcode in the chat"))
                .statusCode(200);
        send("GET", null, base + "/sessions/" + session.id + "/stage", null)
                .statusCode(200)
                .body("stream.provider", equalTo("ZOOM"))
                .body("stream.url", nullValue())
                .body("stream.instructions", nullValue())
                .body("stream.admitted", equalTo(false))
                .body("player", nullValue());
        send("GET", "organiser", base + "/sessions/" + session.id + "/stage", null)
                .body("stream.url", equalTo("https://us02web.zoom.us/j/123?pwd=secret"))
                .body("stream.instructions", equalTo("Passcode in the chat"));

        // the speaker's own stream overrides the room's
        send("PUT", "organiser", base + "/sessions/" + session.id + "/stream", url(YT))
                .statusCode(200);
        send("GET", null, base + "/sessions/" + session.id + "/stage", null)
                .body("stream.provider", equalTo("YOUTUBE"))
                .body("stream.from", equalTo("session"))
                .body("stream.embedUrl", equalTo(YT_EMBED))
                .body("player", equalTo("stream"));

        // the player frame carries the event's policy: the embed's origin in frame-src, never a wildcard
        String csp = given().get("/stage/" + event.slug + "/sessions/" + session.id)
                .then()
                .statusCode(200)
                .header("X-Frame-Options", "SAMEORIGIN")
                .body(containsString("data-src=\"" + YT_EMBED + "\""))
                .extract()
                .header("Content-Security-Policy");
        assertThat(csp, containsString("frame-src https://www.youtube-nocookie.com;"));
        assertThat(csp, containsString("frame-ancestors 'self'"));
        assertThat(csp, not(containsString("*")));
        // the UI's pages keep the global policy, which names no provider
        String uiCsp = given().get("/").then().extract().header("Content-Security-Policy");
        assertThat(uiCsp, not(containsString("youtube")));
        assertThat(uiCsp, containsString("frame-ancestors 'none'"));

        // the lobby: this session on the Main Stage now
        send("GET", null, base + "/stage", null)
                .statusCode(200)
                .body("stages[0].room", equalTo("Main Stage"))
                .body("stages[0].now.title", equalTo("Clearing land"))
                .body("stages[0].now.provider", equalTo("YOUTUBE"))
                .body("stages[0].next", nullValue());
    }
}
