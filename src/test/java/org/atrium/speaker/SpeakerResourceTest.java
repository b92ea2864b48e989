package org.atrium.speaker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SpeakerResourceTest {

    @Inject
    Fixtures fixtures;

    static final String ANA = """
            {"name":"Ana Lima","bio":"Consultant on landmine clearance.","affiliation":"Demining Ltd",
             "country":"gb","photoUrl":"https://img.example.org/ana.jpg",
             "links":[{"label":"Site","url":"https://ana.example.org"},{"url":"https://social.example.org/@ana"}],
             "accountEmail":"Speaker@Example.com"}""";

    static ValidatableResponse send(String method, String user, String path, String json) {
        var request = given().contentType(ContentType.JSON).body(json);
        if (user != null) {
            request = request.header("Authorization", Tokens.bearer(user));
        }
        return request.request(method, path).then();
    }

    static String base(Event event) {
        return "/api/events/" + event.slug + "/speakers";
    }

    static int create(Event event, String json) {
        return send("POST", "organiser", base(event), json)
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void organiserCreatesAndEditsSpeakers() {
        Event event = fixtures.publishedEvent();
        int id = send("POST", "organiser", base(event), ANA)
                .statusCode(201)
                .body("name", equalTo("Ana Lima"))
                .body("country", equalTo("GB"))
                .body("links.label", contains("Site", null))
                .body("links.url", contains("https://ana.example.org", "https://social.example.org/@ana"))
                .body("accountEmail", equalTo("speaker@example.com"))
                .body("linked", equalTo(false))
                .body("version", equalTo(0))
                .extract()
                .path("id");
        given().get(base(event) + "/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Ana Lima"))
                .body("accountEmail", nullValue())
                .body("accountSubject", nullValue());
        send(
                        "PUT",
                        "organiser",
                        base(event) + "/" + id,
                        ANA.replace("}]", "}],\"version\":0").replace("Ana Lima", "Ana M. Lima"))
                .statusCode(200)
                .body("name", equalTo("Ana M. Lima"))
                .body("version", equalTo(1));
        send("PUT", "organiser", base(event) + "/" + id, ANA.replace("}]", "}],\"version\":0"))
                .statusCode(409)
                .body("code", equalTo("version.conflict"));
        send("PUT", "organiser", base(event) + "/" + id, ANA).statusCode(400).body("code", equalTo("version.required"));
    }

    @Test
    void badSpeakerInputIsRefused() {
        Event event = fixtures.publishedEvent();
        send("POST", "organiser", base(event), "{\"name\":\"X\",\"country\":\"XX\"}")
                .statusCode(400)
                .body("code", equalTo("country.unknown"));
        send("POST", "organiser", base(event), "{\"name\":\"X\",\"country\":\"GBR\"}")
                .statusCode(400)
                .body("code", equalTo("validation.failed"))
                .body("errors.field", contains("country"));
        send("POST", "organiser", base(event), "{\"name\":\"X\",\"accountEmail\":\"not an email\"}")
                .statusCode(400)
                .body("errors.field", contains("accountEmail"));
        send("POST", "organiser", base(event), "{\"name\":\"X\",\"links\":[{\"label\":\"x\"}]}")
                .statusCode(400)
                .body("code", equalTo("validation.failed"));
        send("POST", "organiser", base(event), "{\"name\":\"X\",\"accountSubject\":\"alice\"}")
                .statusCode(201);
        send("POST", "organiser", base(event), "{\"name\":\"Y\",\"accountSubject\":\"alice\"}")
                .statusCode(409)
                .body("code", equalTo("speaker.account-taken"));
        given().get(base(event)).then().body("items.name", contains("X"));
    }

    @Test
    void onlyOrganisersManageSpeakers() {
        Event event = fixtures.publishedEvent();
        Speaker other = fixtures.speaker(event, "Other", "bob");
        send("POST", null, base(event), ANA).statusCode(401);
        send("POST", "alice", base(event), ANA).statusCode(403).body("code", equalTo("forbidden"));
        send("PUT", "alice", base(event) + "/" + other.id, "{\"name\":\"Hijack\",\"version\":0}")
                .statusCode(403);
        send("PUT", null, base(event) + "/" + other.id, "{\"name\":\"Hijack\",\"version\":0}")
                .statusCode(401);
        given().header("Authorization", Tokens.bearer("bob"))
                .delete(base(event) + "/" + other.id)
                .then()
                .statusCode(403);
        given().get(base(event) + "/" + other.id).then().body("name", equalTo("Other"));
    }

    @Test
    void aLinkedSpeakerEditsTheirOwnProfileButNotTheLinkNorOthers() {
        Event event = fixtures.publishedEvent();
        Speaker me = fixtures.speaker(event, "Sam Speaker", "speaker");
        Speaker other = fixtures.speaker(event, "Other", null);
        given().header("Authorization", Tokens.bearer("speaker"))
                .get(base(event) + "/" + me.id)
                .then()
                .body("mine", equalTo(true))
                .body("accountSubject", equalTo("speaker"));
        send(
                        "PUT",
                        "speaker",
                        base(event) + "/" + me.id,
                        "{\"name\":\"Sam Speaker\",\"bio\":\"Water and health.\",\"country\":\"CH\",\"version\":0}")
                .statusCode(200)
                .body("bio", equalTo("Water and health."))
                .body("accountSubject", equalTo("speaker"));
        send(
                        "PUT",
                        "speaker",
                        base(event) + "/" + me.id,
                        "{\"name\":\"Sam\",\"accountSubject\":\"alice\",\"version\":1}")
                .statusCode(403);
        send("PUT", "speaker", base(event) + "/" + other.id, "{\"name\":\"Other\",\"version\":0}")
                .statusCode(403);
        given().get(base(event) + "/" + me.id)
                .then()
                .body("name", equalTo("Sam Speaker"))
                .body("linked", equalTo(true));
    }

    @Test
    void aSignedInAccountWithTheSpeakersEmailClaimsTheProfile() {
        Event event = fixtures.publishedEvent();
        int id = create(event, ANA); // accountEmail speaker@example.com, the dev server's email for "speaker"
        String claim = base(event) + "/" + id + "/claim";
        given().post(claim).then().statusCode(401);
        given().header("Authorization", Tokens.bearer("alice"))
                .post(claim)
                .then()
                .statusCode(403)
                .body("code", equalTo("speaker.email-mismatch"));
        given().header("Authorization", Tokens.bearer("speaker"))
                .post(claim)
                .then()
                .statusCode(200)
                .body("linked", equalTo(true))
                .body("mine", equalTo(true))
                .body("accountSubject", equalTo("speaker"));
        given().header("Authorization", Tokens.bearer("speaker"))
                .post(claim)
                .then()
                .statusCode(200);
        send("PUT", "speaker", base(event) + "/" + id, "{\"name\":\"Ana Lima\",\"bio\":\"Mine now.\",\"version\":1}")
                .statusCode(200)
                .body("bio", equalTo("Mine now."));
        // a second profile with the same email cannot be claimed by the same account in this event
        int second = create(event, ANA.replace("Ana Lima", "Ana Again"));
        given().header("Authorization", Tokens.bearer("speaker"))
                .post(base(event) + "/" + second + "/claim")
                .then()
                .statusCode(409)
                .body("code", equalTo("speaker.account-taken"));
    }

    @Test
    void aProfileLinkedToSomeoneElseCannotBeClaimed() {
        Event event = fixtures.publishedEvent();
        int id = create(event, ANA.replace("\"accountEmail\"", "\"accountSubject\":\"bob\",\"accountEmail\""));
        given().header("Authorization", Tokens.bearer("speaker"))
                .post(base(event) + "/" + id + "/claim")
                .then()
                .statusCode(409)
                .body("code", equalTo("speaker.already-linked"));
    }

    @Test
    void draftSpeakersAreHiddenButTheLinkedSpeakerSeesTheirOwn() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        Speaker mine = fixtures.speaker(draft, "Sam", "speaker");
        Speaker other = fixtures.speaker(draft, "Other", null);
        given().get(base(draft)).then().statusCode(404).body("code", equalTo("event.not-found"));
        given().header("Authorization", Tokens.bearer("alice"))
                .get(base(draft) + "/" + mine.id)
                .then()
                .statusCode(404)
                .body("code", equalTo("event.not-found"));
        given().header("Authorization", Tokens.bearer("speaker"))
                .get(base(draft) + "/" + mine.id)
                .then()
                .statusCode(200)
                .body("mine", equalTo(true));
        given().header("Authorization", Tokens.bearer("speaker"))
                .get(base(draft) + "/" + other.id)
                .then()
                .statusCode(404)
                .body("code", equalTo("event.not-found"));
        send("PUT", "alice", base(draft) + "/" + other.id, "{\"name\":\"X\",\"version\":0}")
                .statusCode(404)
                .body("code", equalTo("event.not-found"));
        given().header("Authorization", Tokens.bearer("alice"))
                .post(base(draft) + "/" + other.id + "/claim")
                .then()
                .statusCode(404)
                .body("code", equalTo("event.not-found"));
    }

    @Test
    void anotherEventsSpeakerIsNotFoundHere() {
        Event a = fixtures.publishedEvent();
        Event b = fixtures.publishedEvent();
        Speaker inB = fixtures.speaker(b, "B", null);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(base(a) + "/" + inB.id)
                .then()
                .statusCode(404)
                .body("code", equalTo("speaker.not-found"));
        send("PUT", "organiser", base(a) + "/" + inB.id, "{\"name\":\"X\",\"version\":0}")
                .statusCode(404)
                .body("code", equalTo("speaker.not-found"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete(base(a) + "/" + inB.id)
                .then()
                .statusCode(404);
        given().get(base(b) + "/" + inB.id).then().statusCode(200).body("name", equalTo("B"));
    }

    @Test
    void speakersListIsPagedAndSearchable() {
        Event event = fixtures.publishedEvent();
        for (String name : new String[] {"Zoe", "Ana", "Bea", "Anders"}) {
            fixtures.speaker(event, name, null);
        }
        given().get(base(event) + "?size=2")
                .then()
                .body("items.name", contains("Ana", "Anders"))
                .body("total", equalTo(4));
        given().get(base(event) + "?size=2&page=1").then().body("items.name", contains("Bea", "Zoe"));
        given().get(base(event) + "?q=AN")
                .then()
                .body("items.name", contains("Ana", "Anders"))
                .body("total", equalTo(2));
    }

    @Test
    void searchTextIsLiteralNotAPattern() {
        Event event = fixtures.publishedEvent();
        for (String name : new String[] {"Ana_Lee", "AnaXLee", "100% Ana", "Back\\slash"}) {
            fixtures.speaker(event, name, null);
        }
        given().queryParam("q", "_").get(base(event)).then().body("items.name", contains("Ana_Lee"));
        given().queryParam("q", "%")
                .get(base(event))
                .then()
                .body("items.name", contains("100% Ana"))
                .body("total", equalTo(1));
        given().queryParam("q", "k\\s").get(base(event)).then().body("items.name", contains("Back\\slash"));
    }

    @Test
    void deletingASpeakerTakesThemOffTheirSessions() {
        Event event = fixtures.publishedEvent();
        int id = create(event, "{\"name\":\"Gone\"}");
        int session = send(
                        "POST",
                        "organiser",
                        "/api/events/" + event.slug + "/sessions",
                        "{\"title\":\"T\",\"start\":\"2027-05-12T10:00\",\"end\":\"2027-05-12T11:00\","
                                + "\"speakers\":[{\"speakerId\":" + id + "}]}")
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete(base(event) + "/" + id)
                .then()
                .statusCode(204);
        given().get("/api/events/" + event.slug + "/sessions/" + session)
                .then()
                .body("speakers", org.hamcrest.Matchers.empty())
                .body("version", equalTo(1));
    }
}
