package org.atrium.invitation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.atrium.common.SecretTokens;
import org.atrium.event.Event;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InvitationResourceTest {

    @Inject
    Fixtures fixtures;

    static ValidatableResponse invite(String user, String slug, String body) {
        return given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/events/" + slug + "/invitations")
                .then();
    }

    static String tokenOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    static ValidatableResponse accept(String user, String slug, String token) {
        return given().header("Authorization", Tokens.bearer(user))
                .post("/api/events/" + slug + "/invitations/" + token + "/accept")
                .then();
    }

    @Test
    void anOrganiserInvitesASpeakerAndWhoeverAcceptsTheLinkIsTheSpeakersAccount() {
        Event event = fixtures.publishedEvent();
        Speaker speaker = fixtures.speaker(event, "Eleanor Whitcombe", null);
        String link = invite(
                        "organiser",
                        event.slug,
                        "{\"kind\":\"SPEAKER\",\"email\":\"Eleanor@Example.org\",\"speakerId\":" + speaker.id + "}")
                .statusCode(201)
                .body("state", equalTo("PENDING"))
                .body("email", equalTo("eleanor@example.org"))
                .body("speakerName", equalTo("Eleanor Whitcombe"))
                .extract()
                .path("link");
        org.hamcrest.MatcherAssert.assertThat(
                link, matchesPattern("http://[^/]+/#/events/" + event.slug + "/invitations/[A-Za-z0-9_-]{43}"));
        String token = tokenOf(link);
        // only the token's SHA-256 is kept
        assertEquals(
                1L,
                QuarkusTransaction.requiringNew()
                        .call(() -> Invitation.count(
                                "tokenHash = ?1 and event.id = ?2", SecretTokens.hash(token), event.id)));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Invitation.count("tokenHash", token)));

        // anyone holding the link sees what it is for, also before signing in
        given().get("/api/events/" + event.slug + "/invitations/" + token)
                .then()
                .statusCode(200)
                .body("eventTitle", equalTo(event.title))
                .body("kind", equalTo("SPEAKER"))
                .body("speakerName", equalTo("Eleanor Whitcombe"))
                .body("state", equalTo("PENDING"));

        accept("ellie", event.slug, token).statusCode(200).body("speakerId", equalTo(speaker.id.intValue()));
        given().header("Authorization", Tokens.bearer("ellie"))
                .get("/api/events/" + event.slug + "/speakers/" + speaker.id)
                .then()
                .statusCode(200)
                .body("mine", equalTo(true))
                .body("accountSubject", equalTo("ellie"));

        // single use: the same link again, by anyone, is refused
        accept("ellie", event.slug, token).statusCode(409).body("code", equalTo("invitation.used"));
        accept("bob", event.slug, token).statusCode(409).body("code", equalTo("invitation.used"));

        // the list never shows a link again
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/invitations")
                .then()
                .statusCode(200)
                .body("[0].state", equalTo("ACCEPTED"))
                .body("[0].link", nullValue());
    }

    @Test
    void anOrganiserInvitationMakesTheAcceptingAccountACoOrganiserOfTheDraft() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"),
                "Europe/London",
                java.time.LocalDate.of(2027, 6, 1),
                java.time.LocalDate.of(2027, 6, 1),
                false);
        String token = tokenOf(invite("organiser", draft.slug, "{\"kind\":\"ORGANISER\",\"email\":\"co@example.org\"}")
                .statusCode(201)
                .extract()
                .path("link"));
        given().header("Authorization", Tokens.bearer("carol"))
                .get("/api/events/" + draft.slug)
                .then()
                .statusCode(404);
        accept("carol", draft.slug, token).statusCode(200).body("kind", equalTo("ORGANISER"));
        given().header("Authorization", Tokens.bearer("carol"))
                .get("/api/events/" + draft.slug)
                .then()
                .statusCode(200)
                .body("organiser", equalTo(true))
                .body("organisers.subject", hasItem("carol"));
    }

    @Test
    void anAccountAlreadyLinkedToAnotherSpeakerOfTheEventIsRefusedAndTheLinkStaysUsable() {
        Event event = fixtures.publishedEvent();
        fixtures.speaker(event, "First profile", "hana");
        Speaker second = fixtures.speaker(event, "Second profile", null);
        String token = tokenOf(invite(
                        "organiser",
                        event.slug,
                        "{\"kind\":\"SPEAKER\",\"email\":\"h@example.org\",\"speakerId\":" + second.id + "}")
                .statusCode(201)
                .extract()
                .path("link"));
        accept("hana", event.slug, token).statusCode(409).body("code", equalTo("speaker.account-taken"));
        accept("hugo", event.slug, token).statusCode(200);
    }

    @Test
    void anExpiredOrRevokedLinkIsRefused() {
        Event event = fixtures.publishedEvent();
        String expired = tokenOf(invite("organiser", event.slug, "{\"kind\":\"ORGANISER\",\"email\":\"a@example.org\"}")
                .statusCode(201)
                .extract()
                .path("link"));
        QuarkusTransaction.requiringNew()
                .run(() -> Invitation.update(
                        "expiresAt = ?1 where tokenHash = ?2",
                        Instant.now().minus(Duration.ofMinutes(1)),
                        SecretTokens.hash(expired)));
        accept("bob", event.slug, expired).statusCode(410).body("code", equalTo("invitation.expired"));

        var created = invite("organiser", event.slug, "{\"kind\":\"ORGANISER\",\"email\":\"b@example.org\"}")
                .statusCode(201)
                .extract();
        int id = created.path("id");
        String revoked = tokenOf(created.path("link"));
        String state = given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/invitations")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.id == " + id + " }.state");
        assertEquals("PENDING", state);
        given().header("Authorization", Tokens.bearer("organiser"))
                .post("/api/events/" + event.slug + "/invitations/" + id + "/revoke")
                .then()
                .statusCode(200)
                .body("state", equalTo("REVOKED"));
        accept("bob", event.slug, revoked).statusCode(410).body("code", equalTo("invitation.revoked"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug)
                .then()
                .body("organisers.subject", not(hasItem("bob")));
    }

    @Test
    void aLinkWorksOnlyForItsOwnEventAndOnlyOrganisersInvite() {
        Event a = fixtures.publishedEvent();
        Event b = fixtures.publishedEvent();
        Speaker ofA = fixtures.speaker(a, "Speaker of A", null);
        String token = tokenOf(invite("organiser", a.slug, "{\"kind\":\"ORGANISER\",\"email\":\"x@example.org\"}")
                .statusCode(201)
                .extract()
                .path("link"));
        accept("bob", b.slug, token).statusCode(404).body("code", equalTo("invitation.not-found"));
        given().get("/api/events/" + b.slug + "/invitations/" + token).then().statusCode(404);
        accept("bob", a.slug, "not-a-token").statusCode(404).body("code", equalTo("invitation.not-found"));

        // another event's speaker cannot be named
        invite("organiser", b.slug, "{\"kind\":\"SPEAKER\",\"email\":\"x@example.org\",\"speakerId\":" + ofA.id + "}")
                .statusCode(404)
                .body("code", equalTo("speaker.not-found"));
        invite("organiser", b.slug, "{\"kind\":\"SPEAKER\",\"email\":\"x@example.org\"}")
                .statusCode(400)
                .body("code", equalTo("invitation.speaker-required"));

        // participants neither invite nor see invitations
        invite("alice", a.slug, "{\"kind\":\"ORGANISER\",\"email\":\"me@example.org\"}")
                .statusCode(403);
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + a.slug + "/invitations")
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + a.slug + "/accounts")
                .then()
                .statusCode(403);
        given().post("/api/events/" + a.slug + "/invitations/" + token + "/accept")
                .then()
                .statusCode(401);

        // the link still works where it belongs
        accept("bob", a.slug, token).statusCode(200);
    }

    @Test
    void organisersPickAmongAccountsTheirEventKnowsAndNobodyElse() {
        Event event = fixtures.publishedEvent();
        // alice has signed in (any request with her token records her account) and registers; wanda never touches it
        fixtures.registration(event, "alice", org.atrium.registration.Registration.State.CONFIRMED, null);
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/me")
                .then()
                .statusCode(200);
        given().header("Authorization", Tokens.bearer("wanda"))
                .get("/api/me")
                .then()
                .statusCode(200);
        given().header("Authorization", Tokens.bearer("organiser"))
                .queryParam("q", "ALI")
                .get("/api/events/" + event.slug + "/accounts")
                .then()
                .statusCode(200)
                .body("subject", equalTo(java.util.List.of("alice")));
        given().header("Authorization", Tokens.bearer("organiser"))
                .queryParam("q", "wanda")
                .get("/api/events/" + event.slug + "/accounts")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        // picked, not typed: the subject from the search adds her
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"subject\":\"alice\"}")
                .post("/api/events/" + event.slug + "/organisers")
                .then()
                .statusCode(200)
                .body("organisers.subject", hasItem("alice"));
    }
}
