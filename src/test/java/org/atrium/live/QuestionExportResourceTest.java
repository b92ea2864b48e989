package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuestionExportResourceTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Test
    void speakersAndOrganisersExportJsonAndCsvOthersAreRefused() {
        LiveSocketTest helper = new LiveSocketTest();
        helper.base = base;
        helper.fixtures = fixtures;
        LiveSocketTest.Setup s = helper.room();
        try (LiveClient alice = helper.join(s, "alice");
                LiveClient spk = helper.join(s, "speaker")) {
            alice.command("{\"type\":\"question.ask\",\"ref\":\"q1\",\"text\":\"=1+1, really?\",\"anonymous\":true}");
            long id = alice.next("question.asked").at("/question/id").asLong();
            spk.next("question.asked");
            spk.command("{\"type\":\"question.reply\",\"ref\":\"r\",\"questionId\":" + id
                    + ",\"text\":\"Yes \\\"two\\\"\"}");
        }
        String url = "/api/events/" + s.event().slug + "/sessions/" + s.session().id + "/questions";
        given().header("Authorization", Tokens.bearer("speaker"))
                .get(url + ".json")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].text", equalTo("=1+1, really?"))
                .body("[0].author", nullValue())
                .body("[0].anonymous", equalTo(true))
                .body("[0].replies[0].text", equalTo("Yes \"two\""));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(url + ".json")
                .then()
                .statusCode(200)
                .body("[0].author", equalTo("Alice"));
        String csv = given().header("Authorization", Tokens.bearer("organiser"))
                .get(url + ".csv")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,asked_at,author,anonymous,state,pinned,votes,text,replies", lines[0]);
        assertEquals(2, lines.length);
        assertEquals(
                true,
                lines[1].endsWith(",Alice,true,visible,false,0,\"'=1+1, really?\",\"Speaker: Yes \"\"two\"\"\""),
                lines[1]);
        given().header("Authorization", Tokens.bearer("alice"))
                .get(url + ".json")
                .then()
                .statusCode(403)
                .body("code", equalTo("forbidden"));
    }
}
