package org.atrium.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Track;
import org.atrium.schedule.Venue;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoEventTest {

    /** 12:00 in Baku on 2026-11-26: the conference opens the next day at 15:00 Baku (11:00 UTC). */
    static final Clock NOON_IN_BAKU = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

    @Inject
    DemoEvent demo;

    /** The demo's exhibition: open now (with the real clock), its images painted at start-up, each with alt text. */
    @Test
    void theDemoExhibitionIsOpenNowWithImagesAndAltText() {
        String slug = Fixtures.uniqueSlug("demo");
        assertTrue(demo.load(slug, Clock.systemUTC()));
        var exhibition = given().get("/api/events/" + slug + "/exhibition")
                .then()
                .statusCode(200)
                .body("galleries[0].name", equalTo("Traces: main hall"))
                .body("galleries[0].openNow", equalTo(true))
                .body("galleries[1].entry", equalTo("listed"))
                .extract()
                .jsonPath();
        long hall = exhibition.getLong("galleries[0].id");
        var page = given().get("/api/events/" + slug + "/galleries/" + hall)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> titles = page.getList("works.title");
        assertEquals(List.of("Field after clearance", "Map of absences", "Soil, layered", "Steps counted"), titles);
        assertEquals("Refers to injuries caused by landmines.", page.getString("works[3].contentWarning"));
        for (int i = 0; i < titles.size(); i++) {
            assertFalse(page.getString("works[" + i + "].media[0].alt").isBlank());
            String thumb = page.getString("works[" + i + "].media[0].urls.thumb");
            given().get(thumb).then().statusCode(200).contentType("image/png");
        }
    }

    @Test
    void notLoadedOutsideDevMode() {
        given().get("/api/events/" + DemoEvent.SLUG).then().statusCode(404);
    }

    @Test
    void loadsAPublishedConferenceOnceOrganisedByTheDemoOrganiser() {
        String slug = Fixtures.uniqueSlug("demo");
        assertTrue(demo.load(slug, NOON_IN_BAKU));
        assertFalse(demo.load(slug, NOON_IN_BAKU), "a second load leaves the existing event alone");

        given().get("/api/events/" + slug)
                .then()
                .statusCode(200)
                .body("title", equalTo("Unseen Lines: the humanitarian impact of landmines"))
                .body("status", equalTo("PUBLISHED"))
                .body("timeZone", equalTo("Asia/Baku"))
                .body("timeZoneOffset", equalTo("+04:00"))
                .body("firstDay", equalTo("2026-11-26"))
                .body("lastDay", equalTo("2026-11-28"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + slug)
                .then()
                .statusCode(200)
                .body("organiser", equalTo(true))
                .body("organisers.subject", contains("organiser"));

        QuarkusTransaction.requiringNew().run(() -> {
            Event event = Event.find("slug", slug).singleResult();
            assertEquals(1, Event.count("slug", slug));
            assertEquals(
                    List.of("Art and memory", "Humanitarian impact", "Water and health"),
                    Track.<Track>list("event = ?1 order by name", event).stream()
                            .map(t -> t.name)
                            .toList());
            List<Venue> rooms = Venue.list("event = ?1 order by name", event);
            assertEquals(
                    List.of("Exhibition Gallery", "Main Stage", "Panel Room"),
                    rooms.stream().map(r -> r.name).toList());
            assertEquals("https://stream.example.org/atrium/unseen-lines", rooms.get(1).joinUrl);
            assertEquals(Venue.Kind.EXHIBITION, rooms.get(0).kind);
            assertEquals(8, Speaker.count("event", event));

            List<ConferenceSession> sessions = ConferenceSession.list("event = ?1 order by startsAt, title", event);
            assertEquals(11, sessions.size());
            ConferenceSession gallery = sessions.get(0);
            assertEquals("Traces: the gallery is open", gallery.title);
            assertEquals(Instant.parse("2026-11-26T08:00:00Z"), gallery.startsAt, "open from the moment of loading");
            assertEquals(Instant.parse("2026-11-28T20:00:00Z"), gallery.endsAt, "until the end of the last day");
            ConferenceSession opening = sessions.get(1);
            assertEquals("Opening of the conference", opening.title);
            assertEquals(Instant.parse("2026-11-27T11:00:00Z"), opening.startsAt, "15:00 in Baku (GMT+4)");
            assertEquals("Main Stage", opening.venue.name);
            ConferenceSession closing = sessions.get(10);
            assertEquals("Closing remarks", closing.title);
            assertEquals(Instant.parse("2026-11-28T15:45:00Z"), closing.endsAt);

            Speaker linked = Speaker.find("event = ?1 and accountSubject = ?2", event, "speaker")
                    .singleResult();
            assertEquals("Eleanor Whitcombe", linked.name);
            assertEquals("GB", linked.country);
            List<String> panels =
                    SessionSpeaker.<SessionSpeaker>list("speaker = ?1 order by session.startsAt", linked).stream()
                            .map(link -> link.session.type + " " + link.role)
                            .toList();
            assertEquals(List.of("PANEL SPEAKER", "PANEL SPEAKER"), panels);
            assertEquals(
                    List.of("Institut genevois de l'eau et de la santé", "Institut genevois de l'eau et de la santé"),
                    Speaker.<Speaker>list("event = ?1 and country = 'CH' order by name", event).stream()
                            .map(s -> s.affiliation)
                            .toList());
            assertEquals(
                    List.of("Dr Aygün Məmmədova", "Elçin Şükürov", "Rəşad Ağayev", "Çinarə Hüseynova"),
                    Speaker.<Speaker>list("event = ?1 and country = 'AZ' order by name", event).stream()
                            .map(s -> s.name)
                            .sorted()
                            .toList());
        });
    }
}
