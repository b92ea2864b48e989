package org.atrium.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DevLoginResourceTest {

    @Test
    void tellsWhereTheDevServerIs() {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        given().get("/dev/oidc")
                .then()
                .statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("tokenEndpoint", equalTo(issuer + "/token"))
                .body("clientId", equalTo("quarkus-app"));
    }

    @Test
    void signsADemoAccountInForCurl() {
        String token = given().formParam("username", "organiser")
                .formParam("password", "organiser")
                .post("/dev/token")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(endsWith("\n"))
                .extract()
                .asString()
                .trim();
        // the token is accepted by the API as the organiser
        String slug = org.atrium.support.Fixtures.uniqueSlug("devlogin");
        given().header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body("""
                        {"slug":"%s","title":"Via curl","timeZone":"Asia/Baku","firstDay":"2027-05-12","lastDay":"2027-05-12"}""".formatted(slug))
                .post("/api/events")
                .then()
                .statusCode(201)
                .body("organisers[0].subject", equalTo("organiser"));
    }

    @Test
    void missingUserNameIsAProblem() {
        given().formParam("password", "organiser")
                .post("/dev/token")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("login.username-required"));
    }

    @Test
    void aDemoTokenLastsAnHourAndAnyPasswordWorks() throws Exception {
        // the development server checks no password (the README says so); its tokens live long enough to follow it
        String token = given().formParam("username", "alice")
                .formParam("password", "not-alice")
                .post("/dev/token")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .trim();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("alice", claims.get("sub").asText());
        assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong(), claims.toString());
    }
}
