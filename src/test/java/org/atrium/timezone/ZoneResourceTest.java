package org.atrium.timezone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code GET /api/zones/resolve}: what people type, read by the same parser as every other zone field. */
@QuarkusTest
class ZoneResourceTest {

    @Test
    void offsetsAndIanaIdsResolveToTheIdResponsesUse() {
        // expected ids and offsets written by hand: GMT+4 is four hours ahead of UTC, Etc/GMT-4 (POSIX sign) too
        String[][] cases = {
            {"GMT+4", "+04:00", "offset", "+04:00"},
            {"UTC-3:30", "-03:30", "offset", "-03:30"},
            {"+05:45", "+05:45", "offset", "+05:45"},
            {"asia/baku", "Asia/Baku", "region", "+04:00"},
            {"Etc/GMT-4", "Etc/GMT-4", "region", "+04:00"},
            {"utc", "UTC", "offset", "+00:00"},
        };
        for (String[] c : cases) {
            given().queryParam("q", c[0])
                    .get("/api/zones/resolve")
                    .then()
                    .statusCode(200)
                    .body("input", equalTo(c[0]))
                    .body("id", equalTo(c[1]))
                    .body("kind", equalTo(c[2]))
                    .body("offset", equalTo(c[3]));
        }
    }

    @Test
    void aZoneNotUnderstoodIsTheSameProblemAsEverywhereWithSuggestions() {
        given().queryParam("q", "baku")
                .get("/api/zones/resolve")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("timezone.unknown"))
                .body("input", equalTo("baku"))
                .body("suggestions", contains("Asia/Baku"))
                .body("accepted", equalTo(ViewerZones.ACCEPTED_FORMS));
        given().queryParam("q", "IST")
                .get("/api/zones/resolve")
                .then()
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"))
                .body("suggestions", hasItem("Asia/Kolkata"));
        given().queryParam("q", "UTC+15")
                .get("/api/zones/resolve")
                .then()
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"))
                .body("detail", containsString("from -12:00 to +14:00"));
        given().get("/api/zones/resolve").then().statusCode(400).body("code", equalTo("timezone.unknown"));
    }
}
