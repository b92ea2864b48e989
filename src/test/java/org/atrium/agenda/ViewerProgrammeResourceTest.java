package org.atrium.agenda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRulesProvider;
import java.util.List;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionSpeaker;
import org.atrium.schedule.Venue;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.atrium.timezone.ViewerZones;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ViewerProgrammeResourceTest {

    @Inject
    Fixtures fixtures;

    @Inject
    PublicRenderings renderings;

    static Instant baku(int day, int hour, int minute) {
        return ZonedDateTime.of(2027, 5, day, hour, minute, 0, 0, ZoneId.of("Asia/Baku"))
                .toInstant();
    }

    @Test
    void aSessionAt0130BakuIsTheEveningBeforeForLondonViewersAndMarked() {
        Event event = fixtures.publishedEvent();
        Venue room = fixtures.room(event, "Zal 1", 100);
        ConferenceSession early = fixtures.session(event, room, "Səhər açılışı", baku(12, 1, 30), baku(12, 2, 30));
        ConferenceSession later = fixtures.session(event, room, "Panel", baku(12, 10, 0), baku(12, 11, 0));
        fixtures.addSpeaker(early, fixtures.speaker(event, "Leyla Əliyeva", null), SessionSpeaker.Role.SPEAKER);

        given().queryParam("tz", "Europe/London")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("Europe/London"))
                .body("viewerZone.source", equalTo("query"))
                .body("viewerZone.kind", equalTo("region"))
                .body("viewerZone.offset", equalTo("+01:00"))
                .body("viewerZone.offsetChanges", equalTo(false))
                .body("eventZone.id", equalTo("Asia/Baku"))
                .body("eventZone.source", equalTo("event"))
                .body("eventZone.offset", equalTo("+04:00"))
                .body("days", hasSize(2))
                .body("days[0].date", equalTo("2027-05-11"))
                .body("days[0].eventDay", equalTo(false))
                .body("days[0].differsFromEventDay", equalTo(true))
                .body("days[0].eventDates", contains("2027-05-12"))
                .body("days[0].sessions[0].id", equalTo(early.id.intValue()))
                .body("days[0].sessions[0].title", equalTo("Səhər açılışı"))
                .body("days[0].sessions[0].speakers", contains("Leyla Əliyeva"))
                .body("days[0].sessions[0].room", equalTo("Zal 1"))
                .body("days[0].sessions[0].start", equalTo("2027-05-11T22:30:00+01:00"))
                .body("days[0].sessions[0].end", equalTo("2027-05-11T23:30:00+01:00"))
                .body("days[0].sessions[0].eventStart", equalTo("2027-05-12T01:30:00+04:00"))
                .body("days[0].sessions[0].eventDate", equalTo("2027-05-12"))
                .body("days[0].sessions[0].dayShift", equalTo(-1))
                .body("days[0].sessions[0].durationMinutes", equalTo(60))
                .body("days[1].date", equalTo("2027-05-12"))
                .body("days[1].eventDay", equalTo(true))
                .body("days[1].differsFromEventDay", equalTo(false))
                .body("days[1].sessions[0].id", equalTo(later.id.intValue()))
                .body("days[1].sessions[0].start", equalTo("2027-05-12T07:00:00+01:00"))
                .body("days[1].sessions[0].dayShift", equalTo(0));

        // without tz: the event's zone, days as the organisers planned them
        given().get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("Asia/Baku"))
                .body("viewerZone.source", equalTo("event"))
                .body("days", hasSize(1))
                .body("days[0].date", equalTo("2027-05-12"))
                .body("days[0].differsFromEventDay", equalTo(false))
                .body("days[0].sessions[0].start", equalTo("2027-05-12T01:30:00+04:00"));
    }

    @Test
    void gmtPlus4InARawQueryIsFourHoursAheadOfUtc() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("ny"),
                "America/New_York",
                LocalDate.of(2027, 6, 1),
                LocalDate.of(2027, 6, 1),
                true);
        fixtures.session(
                event, null, "Keynote", Instant.parse("2027-06-01T13:00:00Z"), Instant.parse("2027-06-01T14:00:00Z"));
        // a literal '+' in a query decodes to a space: GMT 4
        given().urlEncodingEnabled(false)
                .get("/api/events/" + event.slug + "/programme?tz=GMT+4")
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("+04:00"))
                .body("viewerZone.kind", equalTo("offset"))
                .body("viewerZone.offsets", contains("+04:00"))
                .body("days[0].sessions[0].start", equalTo("2027-06-01T17:00:00+04:00"))
                .body("days[0].sessions[0].eventStart", equalTo("2027-06-01T09:00:00-04:00"));
        given().queryParam("tz", "GMT+4")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("+04:00"));
        given().queryParam("tz", "utc")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("UTC"))
                .body("viewerZone.offset", equalTo("+00:00"))
                .body("days[0].sessions[0].start", equalTo("2027-06-01T13:00:00Z"));
    }

    @Test
    void anUnknownZoneIsAProblemWithSuggestions() {
        Event event = fixtures.publishedEvent();
        given().queryParam("tz", "baku")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("timezone.unknown"))
                .body("input", equalTo("baku"))
                .body("suggestions", contains("Asia/Baku"))
                .body("accepted", equalTo(ViewerZones.ACCEPTED_FORMS));
        given().queryParam("tz", "Etc/GMT+99")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"));
    }

    @Test
    void offsetsNoZoneUsesAreRefusedAndEtcGmtKeepsItsIanaMeaning() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("ny"),
                "America/New_York",
                LocalDate.of(2027, 6, 1),
                LocalDate.of(2027, 6, 1),
                true);
        fixtures.session(
                event, null, "Keynote", Instant.parse("2027-06-01T13:00:00Z"), Instant.parse("2027-06-01T14:00:00Z"));
        for (String tz : List.of("UTC+15", "UTC+18", "UTC-13", "+14:01")) {
            given().queryParam("tz", tz)
                    .get("/api/events/" + event.slug + "/programme")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("timezone.unknown"))
                    .body("input", equalTo(tz))
                    .body("accepted", equalTo(ViewerZones.ACCEPTED_FORMS))
                    .body("detail", containsString("from -12:00 to +14:00"));
        }
        given().queryParam("tz", "UTC+14")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(200)
                .body("days[0].sessions[0].start", equalTo("2027-06-02T03:00:00+14:00"));
        // an unencoded Etc/GMT+4 arrives as "Etc/GMT 4": the IANA zone, four hours behind UTC
        given().urlEncodingEnabled(false)
                .get("/api/events/" + event.slug + "/programme?tz=Etc/GMT+4")
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("Etc/GMT+4"))
                .body("days[0].sessions[0].start", equalTo("2027-06-01T09:00:00-04:00"));
        given().queryParam("tz", "EST")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"))
                .body(
                        "suggestions",
                        contains("America/New_York", "America/Toronto", "America/Panama", "America/Cancun"))
                .body("detail", containsString("abbreviations are ambiguous"));
    }

    @Test
    void aSessionOverTheEndOfSummerTimeShowsItsRealEndAndDuration() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("dst"),
                "Europe/London",
                LocalDate.of(2027, 10, 30),
                LocalDate.of(2027, 10, 31),
                true);
        // 00:30 BST to 02:30 GMT on 2027-10-31: three hours, not two
        ConferenceSession night = fixtures.session(
                event, null, "Night", Instant.parse("2027-10-30T23:30:00Z"), Instant.parse("2027-10-31T02:30:00Z"));
        given().get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(200)
                .body("viewerZone.source", equalTo("event"))
                .body("viewerZone.offsets", contains("+01:00", "+00:00"))
                .body("viewerZone.offsetChanges", equalTo(true))
                .body("viewerZone.transitions", hasSize(1))
                .body("viewerZone.transitions[0].at", equalTo("2027-10-31T01:00:00Z"))
                .body("viewerZone.transitions[0].offsetBefore", equalTo("+01:00"))
                .body("viewerZone.transitions[0].offsetAfter", equalTo("+00:00"))
                .body("viewerZone.transitions[0].localBefore", equalTo("2027-10-31T02:00:00"))
                .body("viewerZone.transitions[0].localAfter", equalTo("2027-10-31T01:00:00"))
                .body("viewerZone.transitions[0].change", equalTo("back"))
                .body("days[0].date", equalTo("2027-10-31"))
                .body("days[0].sessions[0].id", equalTo(night.id.intValue()))
                .body("days[0].sessions[0].start", equalTo("2027-10-31T00:30:00+01:00"))
                .body("days[0].sessions[0].end", equalTo("2027-10-31T02:30:00Z"))
                .body("days[0].sessions[0].durationMinutes", equalTo(180))
                .body("days[0].sessions[0].offsetChanges", equalTo(true));

        // a fixed offset has no daylight saving: the same session has no offset change for a GMT+4 viewer
        given().queryParam("tz", "GMT+4")
                .get("/api/events/" + event.slug + "/programme")
                .then()
                .statusCode(200)
                .body("viewerZone.offsetChanges", equalTo(false))
                .body("viewerZone.transitions", hasSize(0))
                .body("days[0].sessions[0].start", equalTo("2027-10-31T03:30:00+04:00"))
                .body("days[0].sessions[0].end", equalTo("2027-10-31T06:30:00+04:00"))
                .body("days[0].sessions[0].offsetChanges", equalTo(false))
                .body("days[0].sessions[0].durationMinutes", equalTo(180));
    }

    @Test
    void oneSessionInSeveralZones() {
        Event event = fixtures.publishedEvent();
        ConferenceSession s = fixtures.session(event, null, "Talk", baku(12, 1, 30), baku(12, 2, 15));
        given().urlEncodingEnabled(false)
                .get("/api/events/" + event.slug + "/sessions/" + s.id
                        + "/times?zones=Europe/London,Europe/Zurich,GMT+4,Asia/Kathmandu,Pacific/Chatham")
                .then()
                .statusCode(200)
                .body("durationMinutes", equalTo(45))
                .body("viewer.zone", equalTo("Asia/Baku"))
                .body("event.start", equalTo("2027-05-12T01:30:00+04:00"))
                .body(
                        "zones.zone",
                        contains("Europe/London", "Europe/Zurich", "+04:00", "Asia/Kathmandu", "Pacific/Chatham"))
                .body("zones[2].input", equalTo("GMT 4"))
                .body("zones[2].kind", equalTo("offset"))
                .body("zones[0].start", equalTo("2027-05-11T22:30:00+01:00"))
                .body("zones[0].dayShift", equalTo(-1))
                .body("zones[1].start", equalTo("2027-05-11T23:30:00+02:00"))
                .body("zones[1].dayShift", equalTo(-1))
                .body("zones[2].start", equalTo("2027-05-12T01:30:00+04:00"))
                .body("zones[3].start", equalTo("2027-05-12T03:15:00+05:45"))
                .body("zones[4].start", equalTo("2027-05-12T10:15:00+12:45"))
                .body("zones[4].end", equalTo("2027-05-12T11:00:00+12:45"));

        given().queryParam("zones", "Europe/London,Mars/Olympus")
                .get("/api/events/" + event.slug + "/sessions/" + s.id + "/times")
                .then()
                .statusCode(400)
                .body("code", equalTo("timezone.unknown"))
                .body("input", equalTo("Mars/Olympus"));
        given().get("/api/events/" + event.slug + "/sessions/999999999/times")
                .then()
                .statusCode(404)
                .body("code", equalTo("session.not-found"));
    }

    @Test
    void draftsAreHiddenFromEveryoneButOrganisers() {
        Event draft = fixtures.event(
                Fixtures.uniqueSlug("draft"), "Asia/Baku", LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 12), false);
        given().get("/api/events/" + draft.slug + "/programme").then().statusCode(404);
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + draft.slug + "/programme")
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + draft.slug + "/programme")
                .then()
                .statusCode(200)
                .body("days", hasSize(0));
    }

    @Test
    void fairnessIsForOrganisersAndCandidateSlotsFollowTheEventsZoneRules() {
        Event event = fixtures.event(
                Fixtures.uniqueSlug("fair"),
                "Europe/London",
                LocalDate.of(2027, 3, 27),
                LocalDate.of(2027, 3, 28),
                true);
        ConferenceSession s = fixtures.session(
                event, null, "Talk", Instant.parse("2027-03-27T10:00:00Z"), Instant.parse("2027-03-27T11:00:00Z"));
        String path = "/api/events/" + event.slug + "/sessions/" + s.id + "/fairness";
        given().get(path).then().statusCode(401);
        given().header("Authorization", Tokens.bearer("alice")).get(path).then().statusCode(403);
        given().header("Authorization", Tokens.bearer("organiser"))
                .get(path)
                .then()
                .statusCode(200)
                .body("sessionId", equalTo(s.id.intValue()))
                .body("candidate", equalTo(false))
                .body("start", equalTo("2027-03-27T10:00:00Z"))
                .body("nightWindow", equalTo("22:00-07:00"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .queryParam("start", "2027-03-28T01:30")
                .queryParam("end", "2027-03-28T03:00")
                .get(path)
                .then()
                .statusCode(400)
                .body("code", equalTo("time.nonexistent"))
                .body("field", equalTo("start"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .queryParam("start", "2027-03-28T12:00")
                .queryParam("end", "2027-03-28T11:00")
                .get("/api/events/" + event.slug + "/fairness")
                .then()
                .statusCode(400)
                .body("code", equalTo("time.end-before-start"));
        given().header("Authorization", Tokens.bearer("organiser"))
                .queryParam("start", "2027-03-28T12:00")
                .queryParam("end", "2027-03-28T13:30+01:00")
                .get("/api/events/" + event.slug + "/fairness")
                .then()
                .statusCode(200)
                .body("candidate", equalTo(true))
                .body("start", equalTo("2027-03-28T12:00:00+01:00"))
                .body("durationMinutes", equalTo(90));
    }

    @Test
    void aSignedInParticipantSeesTheirPreferredZoneUnlessTzIsGiven() {
        Event event = fixtures.publishedEvent();
        fixtures.session(event, null, "Talk", baku(12, 10, 0), baku(12, 11, 0));
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "GMT+4:30");
        fixtures.registration(event, "bob", Registration.State.CONFIRMED, "Mars/Olympus");
        String path = "/api/events/" + event.slug + "/programme";
        given().header("Authorization", Tokens.bearer("alice"))
                .get(path)
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("+04:30"))
                .body("viewerZone.source", equalTo("profile"))
                .body("viewerZone.kind", equalTo("offset"))
                .body("days[0].sessions[0].start", equalTo("2027-05-12T10:30:00+04:30"))
                .body("days[0].sessions[0].eventStart", equalTo("2027-05-12T10:00:00+04:00"));
        given().header("Authorization", Tokens.bearer("alice"))
                .queryParam("tz", "Europe/Zurich")
                .get(path)
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("Europe/Zurich"))
                .body("viewerZone.source", equalTo("query"));
        // a stored zone that is not understood any more falls back to the event's zone
        given().header("Authorization", Tokens.bearer("bob"))
                .get(path)
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("Asia/Baku"))
                .body("viewerZone.source", equalTo("event"));
        given().get(path).then().statusCode(200).body("viewerZone.source", equalTo("event"));
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + event.slug + "/sessions/"
                        + given().get(path).then().extract().path("days[0].sessions[0].id") + "/times")
                .then()
                .statusCode(200)
                .body("viewerZone.source", equalTo("profile"))
                .body("viewer.start", equalTo("2027-05-12T10:30:00+04:30"));
    }

    @Test
    void fairnessGroupsConfirmedParticipantsByTheirLocalTimeAndCountsNightAttendance() {
        Event event = fixtures.publishedEvent();
        // 10:00-11:00 Baku = 06:00-07:00 UTC
        ConferenceSession s = fixtures.session(event, null, "Talk", baku(12, 10, 0), baku(12, 11, 0));
        fixtures.registration(event, "p-london", Registration.State.CONFIRMED, "Europe/London");
        fixtures.registration(event, "p-ny", Registration.State.CONFIRMED, "America/New_York");
        fixtures.registration(event, "p-gmt4", Registration.State.CONFIRMED, "GMT+4");
        fixtures.registration(event, "p-none", Registration.State.CONFIRMED, null);
        fixtures.registration(event, "p-ktm", Registration.State.CONFIRMED, "asia/kathmandu");
        fixtures.registration(event, "p-chatham", Registration.State.CONFIRMED, "Pacific/Chatham");
        fixtures.registration(event, "p-la", Registration.State.CONFIRMED, "America/Los_Angeles");
        fixtures.registration(event, "p-pending", Registration.State.PENDING, "America/Los_Angeles");
        fixtures.registration(event, "p-cancelled", Registration.State.CANCELLED, "America/Los_Angeles");
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/sessions/" + s.id + "/fairness")
                .then()
                .statusCode(200)
                .body("start", equalTo("2027-05-12T10:00:00+04:00"))
                .body("participants", equalTo(7))
                .body("atNight", equalTo(2))
                .body("withoutZone", equalTo(1))
                .body("groups", hasSize(6))
                .body("groups[0].localStart", equalTo("2027-05-11T23:00:00-07:00"))
                .body("groups[0].hour", equalTo(23))
                .body("groups[0].dayShift", equalTo(-1))
                .body("groups[0].atNight", equalTo(1))
                .body("groups[0].zones", contains("America/Los_Angeles"))
                .body("groups[1].localStart", equalTo("2027-05-12T02:00:00-04:00"))
                .body("groups[1].atNight", equalTo(1))
                .body("groups[2].localStart", equalTo("2027-05-12T07:00:00+01:00"))
                .body("groups[2].atNight", equalTo(0))
                .body("groups[3].localStart", equalTo("2027-05-12T10:00:00+04:00"))
                .body("groups[3].count", equalTo(2))
                .body("groups[3].zones", contains("+04:00", "Asia/Baku"))
                .body("groups[4].localStart", equalTo("2027-05-12T11:45:00+05:45"))
                .body("groups[5].localStart", equalTo("2027-05-12T18:45:00+12:45"))
                .body("groups[5].localEnd", equalTo("2027-05-12T19:45:00+12:45"));

        // a candidate slot five hours later: New York wakes up, Chatham goes to bed
        given().header("Authorization", Tokens.bearer("organiser"))
                .queryParam("start", "2027-05-12T15:00")
                .queryParam("end", "2027-05-12T16:00")
                .get("/api/events/" + event.slug + "/sessions/" + s.id + "/fairness")
                .then()
                .statusCode(200)
                .body("candidate", equalTo(true))
                .body("atNight", equalTo(2))
                .body("groups[0].localStart", equalTo("2027-05-12T04:00:00-07:00"))
                .body("groups[0].atNight", equalTo(1))
                .body("groups[1].localStart", equalTo("2027-05-12T07:00:00-04:00"))
                .body("groups[1].atNight", equalTo(0))
                .body("groups[5].localStart", equalTo("2027-05-12T23:45:00+12:45"))
                .body("groups[5].atNight", equalTo(1));
    }

    @Test
    void healthReportsTheTimeZoneDatabaseVersion() {
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("time-zone database"))
                .body(
                        "checks.find { it.name == 'time-zone database' }.data.tzdbVersion",
                        equalTo(ZoneRulesProvider.getVersions("UTC").lastKey()));
    }

    @Test
    void manySpellingsOfOneZoneKeepOneBodyAndAZoneNotUnderstoodKeepsNone() {
        Event event = fixtures.publishedEvent();
        String path = "/api/events/" + event.slug + "/programme";
        renderings.dropLocal();
        byte[] first = null;
        for (String tz : List.of(
                "GMT+4", "gmt+4", "UTC+4", "utc+04:00", "+04:00", "+0400", "GMT 4", " 04:00", "GMT+04", "UT+4")) {
            byte[] body = given().queryParam("tz", tz)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("viewerZone.id", equalTo("+04:00"))
                    .extract()
                    .asByteArray();
            if (first == null) {
                first = body;
            }
            assertArrayEquals(first, body, tz + " is served the body kept for +04:00");
        }
        assertEquals(1, renderings.kept(), "ten spellings of UTC+4 keep one body");
        for (String tz : List.of("baku", "Baku", "BAKU", "UTC+15")) {
            given().queryParam("tz", tz).get(path).then().statusCode(400).body("code", equalTo("timezone.unknown"));
        }
        assertEquals(1, renderings.kept(), "zones not understood keep nothing");
        given().queryParam("tz", "etc/gmt-4").get(path).then().body("viewerZone.id", equalTo("Etc/GMT-4"));
        given().queryParam("tz", "Etc/GMT-4").get(path).then().body("viewerZone.id", equalTo("Etc/GMT-4"));
        assertEquals(2, renderings.kept(), "a region is another zone, kept once under its own id");
    }
}
