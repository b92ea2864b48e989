package org.atrium.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrackAndRoomResourceTest {

    @Inject
    Fixtures fixtures;

    static ValidatableResponse send(String method, String user, String path, String json) {
        var request = given().contentType(ContentType.JSON).body(json);
        if (user != null) {
            request = request.header("Authorization", Tokens.bearer(user));
        }
        return request.request(method, path).then();
    }

    @Test
    void tracksAreCreatedListedUpdatedAndDeleted() {
        Event event = fixtures.publishedEvent();
        String base = "/api/events/" + event.slug + "/tracks";
        int id = send("POST", "organiser", base, "{\"name\":\"Mine action\",\"colour\":\"#AA3300\"}")
                .statusCode(201)
                .body("name", equalTo("Mine action"))
                .body("colour", equalTo("#aa3300"))
                .body("version", equalTo(0))
                .extract()
                .path("id");
        send("POST", "organiser", base, "{\"name\":\"Art\"}").statusCode(201);
        given().get(base).then().statusCode(200).body("items.name", contains("Art", "Mine action"));
        given().get(base + "/" + id).then().body("name", equalTo("Mine action"));

        send("PUT", "organiser", base + "/" + id, "{\"name\":\"Humanitarian demining\",\"version\":0}")
                .statusCode(200)
                .body("colour", nullValue())
                .body("version", equalTo(1));
        send("PUT", "organiser", base + "/" + id, "{\"name\":\"Stale\",\"version\":0}")
                .statusCode(409)
                .body("code", equalTo("version.conflict"));
        send("PUT", "organiser", base + "/" + id, "{\"name\":\"Art\",\"version\":1}")
                .statusCode(409)
                .body("code", equalTo("track.name-taken"));
        send("POST", "organiser", base, "{\"name\":\"x\",\"colour\":\"red\"}")
                .statusCode(400)
                .body("code", equalTo("validation.failed"))
                .body("errors.field", contains("colour"));

        given().header("Authorization", Tokens.bearer("organiser"))
                .delete(base + "/" + id)
                .then()
                .statusCode(204);
        given().get(base + "/" + id).then().statusCode(404).body("code", equalTo("track.not-found"));
    }

    @Test
    void deletingATrackKeepsItsSessions() {
        Event event = fixtures.publishedEvent();
        Track track = fixtures.track(event, "Doomed", "#123456");
        String sessions = "/api/events/" + event.slug + "/sessions";
        int id = send(
                        "POST",
                        "organiser",
                        sessions,
                        "{\"title\":\"T\",\"start\":\"2027-05-12T10:00\",\"end\":\"2027-05-12T11:00\",\"trackId\":"
                                + track.id + "}")
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + event.slug + "/tracks/" + track.id)
                .then()
                .statusCode(204);
        given().get(sessions + "/" + id).then().statusCode(200).body("trackId", nullValue());
    }

    @Test
    void roomsShowTheirJoinUrlOnlyToOrganisers() {
        Event event = fixtures.publishedEvent();
        String base = "/api/events/" + event.slug + "/rooms";
        int id = send(
                        "POST",
                        "organiser",
                        base,
                        "{\"name\":\"Main stage\",\"capacity\":500,\"joinUrl\":\"https://bbb.example.org/main\","
                                + "\"kind\":\"STAGE\"}")
                .statusCode(201)
                .body("joinUrl", equalTo("https://bbb.example.org/main"))
                .body("capacity", equalTo(500))
                .body("kind", equalTo("STAGE"))
                .extract()
                .path("id");
        given().get(base + "/" + id).then().statusCode(200).body("joinUrl", nullValue());
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(base)
                .then()
                .body("items.joinUrl", contains("https://bbb.example.org/main"));
        send(
                        "PUT",
                        "organiser",
                        base + "/" + id,
                        "{\"name\":\"Main stage\",\"capacity\":400,\"kind\":\"EXHIBITION\",\"version\":0}")
                .statusCode(200)
                .body("capacity", equalTo(400))
                .body("kind", equalTo("EXHIBITION"))
                .body("version", equalTo(1));
        send("POST", "organiser", base, "{\"name\":\"main STAGE\"}")
                .statusCode(409)
                .body("code", equalTo("room.name-taken"));
        send("POST", "organiser", base, "{\"name\":\"Bad\",\"capacity\":-1,\"joinUrl\":\"javascript:alert(1)\"}")
                .statusCode(400)
                .body("errors.field", contains("capacity", "joinUrl"));
    }

    @Test
    void aRoomWithLiveSessionsCannotBeDeleted() {
        Event event = fixtures.publishedEvent();
        Venue room = fixtures.room(event, "Busy", 10);
        ConferenceSession s = fixtures.session(
                event, room, "Live", Instant.parse("2027-05-12T08:00:00Z"), Instant.parse("2027-05-12T09:00:00Z"));
        String path = "/api/events/" + event.slug + "/rooms/" + room.id;
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete(path)
                .then()
                .statusCode(409)
                .body("code", equalTo("room.in-use"))
                .body("sessions", equalTo(1));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + event.slug + "/sessions/" + s.id)
                .then()
                .statusCode(200);
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete(path)
                .then()
                .statusCode(204);
        given().get("/api/events/" + event.slug + "/sessions/" + s.id).then().body("roomId", nullValue());
    }

    @Test
    void onlyOrganisersChangeTracksAndRooms() {
        Event event = fixtures.publishedEvent();
        Venue room = fixtures.room(event, "R", 1);
        Track track = fixtures.track(event, "T", null);
        for (String kind : new String[] {"tracks", "rooms"}) {
            String base = "/api/events/" + event.slug + "/" + kind;
            long id = kind.equals("rooms") ? room.id : track.id;
            send("POST", null, base, "{\"name\":\"N\"}").statusCode(401).body("code", equalTo("auth.required"));
            send("POST", "alice", base, "{\"name\":\"N\"}").statusCode(403).body("code", equalTo("forbidden"));
            send("PUT", "alice", base + "/" + id, "{\"name\":\"N\",\"version\":0}")
                    .statusCode(403);
            given().header("Authorization", Tokens.bearer("bob"))
                    .delete(base + "/" + id)
                    .then()
                    .statusCode(403);
            given().get(base).then().body("total", equalTo(1));
        }
    }

    @Test
    void draftsAndOtherEventsIdsAreNotFound() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        Event other = fixtures.publishedEvent();
        Venue room = fixtures.room(other, "Other room", 1);
        Track track = fixtures.track(other, "Other track", null);
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + draft.slug + "/rooms")
                .then()
                .statusCode(404)
                .body("code", equalTo("event.not-found"));
        given().get("/api/events/" + draft.slug + "/tracks").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + draft.slug + "/rooms/" + room.id)
                .then()
                .statusCode(404)
                .body("code", equalTo("room.not-found"));
        send("PUT", "organiser", "/api/events/" + draft.slug + "/tracks/" + track.id, "{\"name\":\"X\",\"version\":0}")
                .statusCode(404)
                .body("code", equalTo("track.not-found"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + draft.slug + "/rooms/" + room.id)
                .then()
                .statusCode(404);
        given().get("/api/events/" + other.slug + "/rooms/" + room.id).then().statusCode(200);
    }
}
