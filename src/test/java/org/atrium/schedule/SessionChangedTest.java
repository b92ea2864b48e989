package org.atrium.schedule;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionChangedTest {

    @ApplicationScoped
    static class Recorder {
        final List<SessionChanged> heard = new CopyOnWriteArrayList<>();

        void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionChanged e) {
            heard.add(e);
        }

        /** Read through a method: fields of an injected client proxy are the proxy's own. */
        List<SessionChanged> heard() {
            return List.copyOf(heard);
        }
    }

    @Inject
    Fixtures fixtures;

    @Inject
    Recorder recorder;

    @Test
    void committedChangesAreAnnouncedAndRefusedOnesAreNot() {
        Event event = fixtures.publishedEvent();
        String base = "/api/events/" + event.slug + "/sessions";
        String form = "{\"title\":\"T\",\"start\":\"2027-05-12T10:00\",\"end\":\"2027-05-12T11:00\"%s}";
        long id = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(form.formatted(""))
                .post(base)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(form.formatted(",\"version\":0").replace("11:00", "11:30"))
                .put(base + "/" + id)
                .then()
                .statusCode(200);
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(form.formatted(",\"version\":0"))
                .put(base + "/" + id)
                .then()
                .statusCode(409);
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete(base + "/" + id)
                .then()
                .statusCode(200);

        List<SessionChanged> mine =
                recorder.heard().stream().filter(e -> e.sessionId() == id).toList();
        assertEquals(
                List.of(
                        new SessionChanged(event.id, id, SessionChanged.Kind.CREATED, 0),
                        new SessionChanged(event.id, id, SessionChanged.Kind.UPDATED, 1),
                        new SessionChanged(event.id, id, SessionChanged.Kind.CANCELLED, 2)),
                mine);
    }
}
