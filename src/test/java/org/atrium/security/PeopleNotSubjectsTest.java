package org.atrium.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.atrium.support.LocalIssuer;
import org.atrium.support.SignedTokens;
import org.atrium.support.SignedTokens.Claims;
import org.junit.jupiter.api.Test;

/**
 * Accounts from tokens as a real provider issues them (UUID subjects, name and e-mail claims): people are shown by
 * name, never by subject, and their account follows their claims.
 */
@QuarkusTest
@TestProfile(LocalIssuer.class)
class PeopleNotSubjectsTest {

    static Claims person(String name, String username, Set<String> roles) {
        return new Claims(UUID.randomUUID().toString(), name, username, username + "@example.org", roles);
    }

    static String newEvent(Claims organiser) {
        String slug = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", SignedTokens.bearer(organiser))
                .contentType(ContentType.JSON)
                .body("""
                        {"slug":"%s","title":"Mine Action Forum","timeZone":"Asia/Baku",
                         "firstDay":"2027-05-12","lastDay":"2027-05-13"}""".formatted(slug))
                .post("/api/events")
                .then()
                .statusCode(201);
        return slug;
    }

    static List<Account> accounts(String subject) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Account.<Account>find("subject", subject).list());
    }

    @Test
    void organisersAreListedByNameWithTheirEmailForOrganisersOnly() {
        Claims eleanor = person("Eleanor Whitcombe", "eleanor", Set.of("organiser"));
        String slug = newEvent(eleanor);
        given().header("Authorization", SignedTokens.bearer(eleanor))
                .get("/api/events/" + slug)
                .then()
                .statusCode(200)
                .body("organisers.subject", contains(eleanor.subject()))
                .body("organisers[0].name", equalTo("Eleanor Whitcombe"))
                .body("organisers[0].email", equalTo("eleanor@example.org"));
        given().header("Authorization", SignedTokens.bearer(eleanor))
                .post("/api/events/" + slug + "/publish")
                .then()
                .statusCode(200);
        Claims bob = person("Bob Marsh", "bob", Set.of("user"));
        given().header("Authorization", SignedTokens.bearer(bob))
                .get("/api/events/" + slug)
                .then()
                .statusCode(200)
                .body("organisers", nullValue());
    }

    @Test
    void theAccountFollowsTheClaimsAndIsOneRowPerIdentity() {
        Claims kofi = person("Kofi Mensah", "kofi", Set.of("organiser"));
        String slug = newEvent(kofi);
        Account first = accounts(kofi.subject()).get(0);
        assertEquals(LocalIssuer.ISSUER, first.issuer);
        assertEquals("Kofi Mensah", first.name);
        assertEquals("kofi", first.preferredUsername);
        assertEquals("kofi@example.org", first.email);
        assertEquals(true, first.emailVerified);

        // same claims again: nothing is written (the row's last sighting stays as it was)
        given().header("Authorization", SignedTokens.bearer(kofi))
                .get("/api/me")
                .then()
                .statusCode(200);
        assertEquals(first.lastSeenAt, accounts(kofi.subject()).get(0).lastSeenAt);

        // a new name at the provider: the account and every view follow
        Claims renamed = kofi.named("Kofi A. Mensah");
        given().header("Authorization", SignedTokens.bearer(renamed))
                .get("/api/events/" + slug)
                .then()
                .statusCode(200)
                .body("organisers[0].name", equalTo("Kofi A. Mensah"));
        List<Account> rows = accounts(kofi.subject());
        assertEquals(1, rows.size());
        assertEquals("Kofi A. Mensah", rows.get(0).name);
        assertEquals(first.firstSeenAt, rows.get(0).firstSeenAt);
        assertNotEquals(first.lastSeenAt, rows.get(0).lastSeenAt);
    }

    @Test
    void meSaysWhoIsCallingAndWhetherTheyMayCreateEvents() {
        Claims ama = person("Ama Owusu", "ama", Set.of("user"));
        given().header("Authorization", SignedTokens.bearer(ama))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("subject", equalTo(ama.subject()))
                .body("name", equalTo("Ama Owusu"))
                .body("preferredUsername", equalTo("ama"))
                .body("email", equalTo("ama@example.org"))
                .body("canCreateEvents", equalTo(false));
        Claims org = person("Olu Organiser", "olu", Set.of("organiser"));
        given().header("Authorization", SignedTokens.bearer(org))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("canCreateEvents", equalTo(true));
        given().get("/api/me").then().statusCode(401);
    }

    @Test
    void anInvitationBindsAUuidAccountAndOrganisersSeeThePersonsName() {
        Claims eleanor = person("Eleanor Whitcombe", "eleanor2", Set.of("organiser"));
        String slug = newEvent(eleanor);
        String auth = SignedTokens.bearer(eleanor);
        int speakerId = given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Dr. Samira Haddad\"}")
                .post("/api/events/" + slug + "/speakers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String link = given().header("Authorization", auth)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"SPEAKER\",\"email\":\"samira@example.org\",\"speakerId\":" + speakerId + "}")
                .post("/api/events/" + slug + "/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("link");
        String token = link.substring(link.lastIndexOf('/') + 1);
        Claims samira = person("Samira Haddad", "samira", Set.of("user"));
        given().header("Authorization", SignedTokens.bearer(samira))
                .post("/api/events/" + slug + "/invitations/" + token + "/accept")
                .then()
                .statusCode(200)
                .body("speakerId", equalTo(speakerId));
        given().header("Authorization", auth)
                .get("/api/events/" + slug + "/speakers/" + speakerId)
                .then()
                .statusCode(200)
                .body("accountSubject", equalTo(samira.subject()))
                .body("accountName", equalTo("Samira Haddad"));
        given().header("Authorization", auth)
                .get("/api/events/" + slug + "/invitations")
                .then()
                .statusCode(200)
                .body("[0].state", equalTo("ACCEPTED"))
                .body("[0].acceptedByName", equalTo("Samira Haddad"))
                .body("[0].invitedByName", equalTo("Eleanor Whitcombe"));
        // the accepted speaker is one of the accounts this event knows, found by name
        given().header("Authorization", auth)
                .queryParam("q", "samira")
                .get("/api/events/" + slug + "/accounts")
                .then()
                .statusCode(200)
                .body("subject", contains(samira.subject()))
                .body("[0].name", equalTo("Samira Haddad"));
    }

    @Test
    void aTokenWithoutANameClaimIsShownByUserName() {
        Claims noName = new Claims(UUID.randomUUID().toString(), null, "lwazi", null, Set.of("organiser"));
        String slug = newEvent(noName);
        given().header("Authorization", SignedTokens.bearer(noName))
                .get("/api/events/" + slug)
                .then()
                .statusCode(200)
                .body("organisers[0].name", equalTo("lwazi"))
                .body("organisers[0].email", nullValue());
    }
}
