package org.atrium.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.atrium.support.SmallBounds;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every bound of {@link Bounds} at its limit (accepted) and one past it (refused with its code, nothing stored), with
 * small limits so that reaching them is cheap; and the organising role enforced as in production.
 */
@QuarkusTest
@TestProfile(SmallBounds.class)
class BoundsTest {

    private static String slug() {
        return "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String eventJson(String slug, String first, String last) {
        return """
                {"slug":"%s","title":"Bounded","timeZone":"Asia/Baku","firstDay":"%s","lastDay":"%s"}""".formatted(slug, first, last);
    }

    private static ValidatableResponse send(String method, String user, String path, String body) {
        var request = given().header("Authorization", Tokens.bearer(user));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.request(method, path).then();
    }

    private static String event(String first, String last) {
        String slug = slug();
        send("POST", "organiser", "/api/events", eventJson(slug, first, last)).statusCode(201);
        return "/api/events/" + slug;
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    @Test
    void limitsAreServedToClients() {
        given().get("/api/limits")
                .then()
                .statusCode(200)
                .body("eventMaxDays", equalTo(3))
                .body("earliestDay", equalTo("2020-01-01"))
                .body("latestDay", equalTo("2030-12-31"))
                .body("sessionsPerEvent", equalTo(2))
                .body("speakersPerSession", equalTo(2))
                .body("speakersPerEvent", equalTo(3))
                .body("tracksPerEvent", equalTo(2))
                .body("roomsPerEvent", equalTo(2))
                .body("organisersPerEvent", equalTo(2))
                .body("invitationsPerEvent", equalTo(2))
                .body("questionsPerAccountPerRoom", equalTo(2))
                .body("chatLinesPerAccountPerRoom", equalTo(2))
                .body("imageMaxBytes", equalTo(2000))
                .body("imageMaxPixels", equalTo(10000))
                .body("imageMaxSide", equalTo(64));
    }

    @Test
    void eventDaysStayInsideTheWindowAndTheLength() {
        event("2030-12-29", "2030-12-31"); // three days, ending on the last allowed day
        event("2020-01-01", "2020-01-01");

        for (String[] days : new String[][] {
            {"2030-12-30", "2031-01-01"},
            {"2019-12-31", "2020-01-01"},
            {"0000-01-01", "0000-01-02"},
            {"9999-12-30", "9999-12-31"}
        }) {
            String slug = slug();
            refused(
                    send("POST", "organiser", "/api/events", eventJson(slug, days[0], days[1])),
                    400,
                    "event.day-out-of-range");
            send("GET", "organiser", "/api/events/" + slug, null).statusCode(404);
        }
        String slug = slug();
        refused(
                send("POST", "organiser", "/api/events", eventJson(slug, "2027-05-12", "2027-05-15")),
                400,
                "event.too-long");
        send("GET", "organiser", "/api/events/" + slug, null).statusCode(404);
    }

    @Test
    void anUpdateCannotStretchAnEventPastItsBounds() {
        String event = event("2027-05-12", "2027-05-13");
        String slug = event.substring(event.lastIndexOf('/') + 1);
        refused(
                send(
                        "PUT",
                        "organiser",
                        event,
                        eventJson(slug, "2027-05-12", "2027-05-15").replace("}", ",\"version\":0}")),
                400,
                "event.too-long");
        send("GET", "organiser", event, null).statusCode(200).body("lastDay", equalTo("2027-05-13"));
    }

    @Test
    void tracksRoomsSpeakersAndSessionsPerEvent() {
        String event = event("2027-05-12", "2027-05-13");
        for (int i = 1; i <= 2; i++) {
            send("POST", "organiser", event + "/tracks", "{\"name\":\"Track " + i + "\"}")
                    .statusCode(201);
            send("POST", "organiser", event + "/rooms", "{\"name\":\"Room " + i + "\"}")
                    .statusCode(201);
        }
        refused(send("POST", "organiser", event + "/tracks", "{\"name\":\"Track 3\"}"), 409, "event.too-many-tracks");
        refused(send("POST", "organiser", event + "/rooms", "{\"name\":\"Room 3\"}"), 409, "event.too-many-rooms");
        send("GET", "organiser", event + "/tracks", null).body("total", equalTo(2));
        send("GET", "organiser", event + "/rooms", null).body("total", equalTo(2));

        long[] speakers = new long[3];
        for (int i = 0; i < 3; i++) {
            speakers[i] = send("POST", "organiser", event + "/speakers", "{\"name\":\"Speaker " + i + "\"}")
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
        }
        refused(
                send("POST", "organiser", event + "/speakers", "{\"name\":\"Speaker 4\"}"),
                409,
                "event.too-many-speakers");
        send("GET", "organiser", event + "/speakers", null).body("total", equalTo(3));

        String threeSpeakers = session("Crowded", speakers[0], speakers[1], speakers[2]);
        refused(send("POST", "organiser", event + "/sessions", threeSpeakers), 400, "session.too-many-speakers");
        send("GET", "organiser", event + "/sessions", null).body("total", equalTo(0));

        send("POST", "organiser", event + "/sessions", session("One", speakers[0], speakers[1]))
                .statusCode(201);
        send("POST", "organiser", event + "/sessions", session("Two")).statusCode(201);
        refused(send("POST", "organiser", event + "/sessions", session("Three")), 409, "event.too-many-sessions");
        send("GET", "organiser", event + "/sessions", null).body("total", equalTo(2));
    }

    private static String session(String title, long... speakerIds) {
        StringBuilder speakers = new StringBuilder();
        for (long id : speakerIds) {
            speakers.append(speakers.isEmpty() ? "" : ",")
                    .append("{\"speakerId\":")
                    .append(id)
                    .append('}');
        }
        return """
                {"title":"%s","start":"2027-05-12T15:00","end":"2027-05-12T15:30","speakers":[%s]}""".formatted(title, speakers);
    }

    @Test
    void organisersPerEvent() {
        String event = event("2027-05-12", "2027-05-13");
        send("POST", "organiser", event + "/organisers", "{\"subject\":\"alice\"}")
                .statusCode(200);
        send("POST", "organiser", event + "/organisers", "{\"subject\":\"alice\"}")
                .statusCode(200); // already one
        refused(
                send("POST", "organiser", event + "/organisers", "{\"subject\":\"bob\"}"),
                409,
                "event.too-many-organisers");
        send("GET", "organiser", event, null).body("organisers.size()", equalTo(2));
    }

    @Test
    void invitationsPerEventAndAnAcceptanceThatWouldPassTheOrganiserBound() {
        String event = event("2027-05-12", "2027-05-13");
        String link = send(
                        "POST",
                        "organiser",
                        event + "/invitations",
                        "{\"kind\":\"ORGANISER\",\"email\":\"a@example.org\"}")
                .statusCode(201)
                .extract()
                .path("link");
        send("POST", "organiser", event + "/invitations", "{\"kind\":\"ORGANISER\",\"email\":\"b@example.org\"}")
                .statusCode(201);
        refused(
                send(
                        "POST",
                        "organiser",
                        event + "/invitations",
                        "{\"kind\":\"ORGANISER\",\"email\":\"c@example.org\"}"),
                409,
                "event.too-many-invitations");

        // the event is full of organisers: accepting is refused and leaves the invitation unused
        send("POST", "organiser", event + "/organisers", "{\"subject\":\"alice\"}")
                .statusCode(200);
        String accept = event + "/invitations/" + link.substring(link.lastIndexOf('/') + 1) + "/accept";
        refused(send("POST", "bob", accept, null), 409, "event.too-many-organisers");
        send("DELETE", "organiser", event + "/organisers/alice", null).statusCode(200);
        send("POST", "bob", accept, null).statusCode(200);
        send("GET", "organiser", event, null)
                .body("organisers.subject", org.hamcrest.Matchers.containsInAnyOrder("organiser", "bob"));
        // an accepted invitation is no longer open: the event may invite again
        send("POST", "organiser", event + "/invitations", "{\"kind\":\"ORGANISER\",\"email\":\"c@example.org\"}")
                .statusCode(201);
    }

    @Test
    void creatingEventsNeedsTheOrganiserRoleUnlessOpened() {
        String slug = slug();
        refused(
                send("POST", "alice", "/api/events", eventJson(slug, "2027-05-12", "2027-05-13")),
                403,
                "event.organiser-role-required");
        send("GET", "alice", "/api/events/" + slug, null).statusCode(404);
        send("POST", "organiser", "/api/events", eventJson(slug, "2027-05-12", "2027-05-13"))
                .statusCode(201);
    }

    @Test
    void duplicateKeysAreRefused() {
        String slug = slug();
        String body = """
                {"slug":"%s","slug":"%s-x","title":"Twice","timeZone":"Asia/Baku",
                 "firstDay":"2027-05-12","lastDay":"2027-05-13"}""".formatted(slug, slug);
        refused(send("POST", "organiser", "/api/events", body), 400, "json.duplicate-key");
        send("GET", "organiser", "/api/events/" + slug, null).statusCode(404);
        send("GET", "organiser", "/api/events/" + slug + "-x", null).statusCode(404);
        String nested = """
                {"title":"T","start":"2027-05-12T15:00","end":"2027-05-12T15:30",
                 "speakers":[{"speakerId":1,"speakerId":2}]}""";
        String event = event("2027-05-12", "2027-05-13");
        refused(send("POST", "organiser", event + "/sessions", nested), 400, "json.duplicate-key");
    }

    /** A solid PNG of the given size, and one of the same size whose noise keeps it from compressing. */
    static byte[] png(int width, int height, boolean noisy) {
        var img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var random = new java.util.Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, noisy ? random.nextInt(0xFFFFFF) : 0x0B5CAD);
            }
        }
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    @Test
    void imageUploadsStayInsideBytesPixelsAndSide() throws java.io.IOException {
        String event = event("2027-05-12", "2027-05-12");
        int speaker = send("POST", "organiser", event + "/speakers", "{\"name\":\"Pictured\"}")
                .statusCode(201)
                .extract()
                .path("id");
        String photo = event + "/speakers/" + speaker + "/photo";
        byte[] noisy = png(40, 40, true); // 1,600 pixels of noise: well over 2,000 bytes
        org.hamcrest.MatcherAssert.assertThat(noisy.length > 2000, org.hamcrest.Matchers.equalTo(true));
        var upload = given().header("Authorization", Tokens.bearer("organiser")).contentType("image/png");
        refused(upload.body(noisy).put(photo).then(), 413, "upload.too-large");
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType("image/png")
                .body(noisy)
                .put(photo)
                .then()
                .body("limit", equalTo(2000));

        // 100 x 100 is the pixel limit: accepted, and downscaled to the 64-pixel side; 101 x 100 is one row past it
        String stored = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType("image/png")
                .body(png(100, 100, false))
                .put(photo)
                .then()
                .statusCode(200)
                .extract()
                .path("photo");
        byte[] served = given().header("Authorization", Tokens.bearer("organiser")) // a draft: its organisers see it
                .get(stored)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        var back = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served));
        org.hamcrest.MatcherAssert.assertThat(back.getWidth() + "x" + back.getHeight(), equalTo("64x64"));
        refused(
                given().header("Authorization", Tokens.bearer("organiser"))
                        .contentType("image/png")
                        .body(png(101, 100, false))
                        .put(photo)
                        .then(),
                413,
                "upload.too-many-pixels");
    }
}
