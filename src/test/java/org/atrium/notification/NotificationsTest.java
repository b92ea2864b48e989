package org.atrium.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.atrium.cluster.ClusterMessage;
import org.atrium.event.Event;
import org.atrium.live.LiveClient;
import org.atrium.registration.Registration;
import org.atrium.registration.RegistrationChanged;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.Venue;
import org.atrium.speaker.Speaker;
import org.atrium.support.Fixtures;
import org.atrium.support.SmtpResource.InjectSmtp;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Notifications end to end against a real SMTP server (GreenMail in the test JVM): REST changes write the outbox,
 * {@link Deliveries#run} sends what is due at a given instant, and the assertions read what the server received.
 * The demo event's zone is Asia/Baku; recipients are in Europe/London, Asia/Baku and Pacific/Honolulu.
 */
@QuarkusTest
class NotificationsTest {

    /** 15:00 in Baku, 12:00 in London (BST), 01:00 in Honolulu, on Wednesday 12 May 2027. */
    static final Instant OPENING = Instant.parse("2027-05-12T11:00:00Z");

    @InjectSmtp
    GreenMail smtp;

    @Inject
    Fixtures fixtures;

    @Inject
    Deliveries deliveries;

    @Inject
    EntityManager em;

    @TestHTTPResource("/")
    URI base;

    /**
     * In-app: each notice reaches its own recipient's open connection on the event channel (no one else's, not an
     * organiser's) and their notification list, where it can be marked read; e-mail preferences do not hide it.
     */
    @Test
    void inAppNoticesReachOnlyTheirRecipientOnTheEventChannelAndTheList() {
        Event event = fixtures.publishedEvent();
        fixtures.session(event, null, "Opening", OPENING, OPENING.plus(Duration.ofMinutes(30)));
        register(event.slug, "lena", "Europe/London");
        register(event.slug, "babak", "Asia/Baku");
        String path = "/live/events/" + event.slug;
        try (LiveClient lena = LiveClient.connect(base, path, "lena");
                LiveClient babak = LiveClient.connect(base, path, "babak");
                LiveClient organiser = LiveClient.connect(base, path, "organiser")) {
            lena.next("snapshot");
            babak.next("snapshot");
            organiser.next("snapshot");

            deliveries.run(Instant.now());

            JsonNode hers = lena.next("notice.received").get("notice");
            assertEquals(
                    "Registration confirmed: " + event.title, hers.get("title").asText());
            assertEquals(
                    "Your registration for " + event.title + " is confirmed.",
                    hers.get("text").asText());
            assertEquals("/#/events/" + event.slug, hers.get("link").asText());
            assertEquals(
                    "REGISTRATION_CONFIRMED",
                    babak.next("notice.received").at("/notice/kind").asText());
            // an announcement after the notices: the next frame each gets is it, so no one got another's notice
            organiser.command("{\"type\":\"announcement.post\",\"ref\":\"a-1\",\"text\":\"Doors open\"}");
            assertEquals("announcement.posted", lena.next().get("type").asText());
            assertEquals("announcement.posted", babak.next().get("type").asText());
            assertEquals("announcement.posted", organiser.next().get("type").asText());

            // the list: her notice, unread until she marks it read
            List<Map<String, Object>> listed = notices("lena", event);
            assertEquals(1, listed.size());
            assertEquals(hers.get("id").asLong(), ((Number) listed.get(0).get("id")).longValue());
            assertEquals(false, listed.get(0).get("read"));
            given().header("Authorization", Tokens.bearer("lena"))
                    .post("/api/me/notifications/read?upTo=" + hers.get("id").asLong())
                    .then()
                    .statusCode(200);
            assertEquals(true, notices("lena", event).get(0).get("read"));
            assertEquals(1, notices("babak", event).size());
        }
    }

    @Inject
    jakarta.enterprise.event.Event<ClusterMessage> fromOtherNode;

    /** A notice the sender of another node pushed arrives on the cluster channel: this node delivers it to her alone. */
    @Test
    void aNoticeFromAnotherNodeReachesTheRecipientsConnectionHere() {
        Event event = fixtures.publishedEvent();
        register(event.slug, "lena", "Europe/London");
        register(event.slug, "babak", "Asia/Baku");
        String path = "/live/events/" + event.slug;
        try (LiveClient lena = LiveClient.connect(base, path, "lena");
                LiveClient babak = LiveClient.connect(base, path, "babak")) {
            lena.next("snapshot");
            babak.next("snapshot");
            String notice = "{\"id\":99,\"eventId\":" + event.id + ",\"kind\":\"SESSION_CHANGED\",\"title\":\"Changed:"
                    + " Panel\",\"text\":\"x\",\"link\":\"/#/\",\"at\":\"2027-05-12T11:00:00Z\",\"read\":false}";
            fromOtherNode.fire(new ClusterMessage("personal-notice", event.id + " 4:lena" + notice, "node-b"));
            assertEquals(
                    "Changed: Panel",
                    lena.next("notice.received").at("/notice/title").asText());
            fromOtherNode.fire(new ClusterMessage("personal-notice", event.id + " 5:babak" + notice, "node-b"));
            // babak's next frame is his own notice, so lena's never reached him
            assertEquals(99, babak.next("notice.received").at("/notice/id").asLong());
        }
    }

    static List<Map<String, Object>> notices(String user, Event event) {
        List<Map<String, Object>> all = given().header("Authorization", Tokens.bearer(user))
                .get("/api/me/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("notices");
        return all.stream()
                .filter(n -> ((Number) n.get("eventId")).longValue() == event.id)
                .toList();
    }

    /**
     * A speaker's invitation is e-mailed with its link (written with the invitation, sent by the outbox); the row
     * forgets the link once sent; a withdrawn invitation's message is not sent.
     */
    @Test
    void speakerInvitationsAreMailedWithTheirLinkOnceAndNotAfterWithdrawal() {
        Event event = fixtures.publishedEvent();
        fixtures.session(event, null, "Opening", OPENING, OPENING.plus(Duration.ofMinutes(30)));
        Speaker speaker = fixtures.speaker(event, "Eleanor Whitcombe", null);
        String address = "eleanor-" + event.slug + "@example.org";
        String link = invite(
                        event, "{\"kind\":\"SPEAKER\",\"email\":\"" + address + "\",\"speakerId\":" + speaker.id + "}")
                .getString("link");
        String other = "withdrawn-" + event.slug + "@example.org";
        long withdrawn = invite(event, "{\"kind\":\"ORGANISER\",\"email\":\"" + other + "\"}")
                .getLong("id");
        given().header("Authorization", Tokens.bearer("organiser"))
                .post("/api/events/" + event.slug + "/invitations/" + withdrawn + "/revoke")
                .then()
                .statusCode(200);

        deliveries.run(Instant.now());
        deliveries.run(Instant.now());

        List<Mail> mails = Mail.to(smtp, address, event.title);
        assertEquals(List.of("Invitation to speak: " + event.title), subjects(mails));
        Mail invitation = mails.get(0);
        has(invitation.text(), "Hello Eleanor Whitcombe,");
        has(invitation.text(), "Accept (sign in or create an account first): " + link + "\n");
        has(invitation.html(), "<a href=\"" + link + "\">Accept the invitation</a>");
        has(invitation.text(), "Starts: Wednesday, 12 May 2027, 15:00 Asia/Baku (GMT+04:00)\n");
        assertEquals(null, invitation.listUnsubscribe()); // not a category one turns off
        assertTrue(Mail.to(smtp, other, event.title).isEmpty());
        assertEquals(
                0,
                count(
                        "select count(*) from notification_outbox where event_id = ?1 and secret_link is not null",
                        event.id));
    }

    static io.restassured.path.json.JsonPath invite(Event event, String body) {
        return given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/events/" + event.slug + "/invitations")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    @Test
    void registrationMessagesGiveTheTimesInTheRecipientsZoneAndTheEvents() {
        Event event = fixtures.publishedEvent();
        fixtures.session(event, null, "Opening", OPENING, OPENING.plus(Duration.ofMinutes(30)));
        settings(event.slug, "{\"open\":true,\"capacity\":2,\"mode\":\"AUTOMATIC\"}");
        register(event.slug, "lena", "Europe/London");
        register(event.slug, "babak", "Asia/Baku");
        register(event.slug, "kai", "Pacific/Honolulu"); // full: waitlisted
        given().header("Authorization", Tokens.bearer("lena"))
                .delete("/api/events/" + event.slug + "/registration")
                .then()
                .statusCode(200); // kai is promoted

        deliveries.run(Instant.now());

        List<Mail> lena = Mail.to(smtp, email("lena"), event.title);
        assertEquals(
                List.of("Registration confirmed: " + event.title, "Registration cancelled: " + event.title),
                subjects(lena));
        has(lena.get(0).text(), "your registration for " + event.title + " is confirmed.");
        has(
                lena.get(0).text(),
                "Starts: Wednesday, 12 May 2027, 12:00 Europe/London (GMT+01:00)\n"
                        + "        Wednesday, 12 May 2027, 15:00 Asia/Baku (GMT+04:00) (event time)");
        List<Mail> babak = Mail.to(smtp, email("babak"), event.title);
        assertEquals(List.of("Registration confirmed: " + event.title), subjects(babak));
        has(babak.get(0).text(), "Starts: Wednesday, 12 May 2027, 15:00 Asia/Baku (GMT+04:00)\n");
        assertThat(babak.get(0).text(), not(containsString("(event time)")));
        List<Mail> kai = Mail.to(smtp, email("kai"), event.title);
        assertEquals(
                List.of("You are on the waiting list: " + event.title, "A place is yours: " + event.title),
                subjects(kai));
        Mail promoted = kai.get(1);
        has(
                promoted.text(),
                "Starts: Wednesday, 12 May 2027, 01:00 Pacific/Honolulu (GMT-10:00)\n"
                        + "        Wednesday, 12 May 2027, 15:00 Asia/Baku (GMT+04:00) (event time)");
        has(promoted.html(), "a place became free at <strong>" + event.title + "</strong>");
        has(promoted.html(), "Wednesday, 12 May 2027, 01:00 Pacific/Honolulu (GMT-10:00)");
        assertThat(promoted.html(), not(containsString("<img")));
        assertThat(promoted.messageId(), matchesPattern("<notice-\\d+\\.\\d+@localhost>"));
        assertThat(
                promoted.listUnsubscribe(),
                matchesPattern("<http://localhost:\\d+/api/notifications/unsubscribe\\?token=.+>"));
        assertEquals("List-Unsubscribe=One-Click", promoted.listUnsubscribePost());
        assertTrue(promoted.calendars().isEmpty());

        deliveries.run(Instant.now());
        assertEquals(2, Mail.to(smtp, email("kai"), event.title).size()); // sent once
    }

    @Test
    void anOrganisersApprovalModeSendsRegistrationReceived() {
        Event event = fixtures.publishedEvent();
        settings(event.slug, "{\"open\":true,\"capacity\":null,\"mode\":\"APPROVAL\"}");
        register(event.slug, "babak", "Asia/Baku");

        deliveries.run(Instant.now());

        List<Mail> received = Mail.to(smtp, email("babak"), event.title);
        assertEquals(List.of("Registration received: " + event.title), subjects(received));
        has(
                received.get(0).text(),
                "we have received your registration for " + event.title + ". The organisers will confirm it.");
        // no session yet: the event starts at the start of its first day in its zone
        has(received.get(0).text(), "Starts: Wednesday, 12 May 2027, 00:00 Asia/Baku (GMT+04:00)");
    }

    @Test
    void remindersComeBeforeTheEventAndEachStarredSessionOnceWithTheFeedsCalendarEntry() {
        Event event = fixtures.publishedEvent();
        Venue room = fixtures.room(event, "Main Stage", 500);
        ConferenceSession opening =
                fixtures.session(event, room, "Opening", OPENING, OPENING.plus(Duration.ofMinutes(30)));
        register(event.slug, "kai", "Pacific/Honolulu");
        given().header("Authorization", Tokens.bearer("kai"))
                .put("/api/events/" + event.slug + "/sessions/" + opening.id + "/star")
                .then()
                .statusCode(204);

        deliveries.run(OPENING.minus(Duration.ofHours(24)));
        List<Mail> before = Mail.to(smtp, email("kai"), "Coming up: " + event.title);
        assertEquals(List.of("Coming up: " + event.title), subjects(before));
        has(before.get(0).text(), "Starts: Wednesday, 12 May 2027, 01:00 Pacific/Honolulu (GMT-10:00)");
        has(before.get(0).text(), "Join: http://localhost:");
        assertTrue(before.get(0).calendars().isEmpty());

        deliveries.run(OPENING.minus(Duration.ofMinutes(15)));
        deliveries.run(OPENING.minus(Duration.ofMinutes(14))); // planned again: the same reminder, not a second
        List<Mail> session = Mail.to(smtp, email("kai"), "Starting soon: Opening");
        assertEquals(1, session.size());
        Mail m = session.get(0);
        has(m.text(), "\"Opening\" at " + event.title + " starts soon.");
        has(m.text(), "Room: Main Stage");
        has(m.text(), "Join: https://meet.example.org/main-stage");
        has(m.calendarContentTypes().get(0), "method=REQUEST");
        VEvent mailed = onlyEvent(m.calendars().get(0), "REQUEST");
        VEvent feed = feedEvent(event.slug, mailed.getUid().getValue());
        assertEquals(feed.getSequence().getValue(), mailed.getSequence().getValue());
        assertEquals(feed.getDateStart().getValue(), mailed.getDateStart().getValue());
    }

    @Test
    void scheduleChangesAreDebouncedAndReachExactlyTheAffectedPeople() {
        Event event = fixtures.publishedEvent();
        Venue stage = fixtures.room(event, "Stage", 500);
        Venue annex = fixtures.room(event, "Annex", 50);
        var speaker = fixtures.speaker(event, "Eleanor Whitcombe", null);
        String speakerEmail = "eleanor-" + event.slug + "@example.org";
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update speaker set account_email = ?1 where id = ?2")
                        .setParameter(1, speakerEmail)
                        .setParameter(2, speaker.id)
                        .executeUpdate());
        var created = given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(session("Panel", stage.id, "2027-05-12T15:00", speaker.id, null))
                .post("/api/events/" + event.slug + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        long id = created.getLong("id");
        long version = created.getLong("version");
        register(event.slug, "lena", "Europe/London");
        register(event.slug, "babak", "Asia/Baku"); // registered, but neither starred nor signed up
        given().header("Authorization", Tokens.bearer("lena"))
                .put("/api/events/" + event.slug + "/sessions/" + id + "/star")
                .then()
                .statusCode(204);

        // five edits within the debounce: one notice with the final state
        for (String start : List.of("2027-05-12T15:30", "2027-05-12T16:00", "2027-05-12T16:30", "2027-05-12T17:00")) {
            version = update(event.slug, id, session("Panel", stage.id, start, speaker.id, version));
        }
        version = update(event.slug, id, session("Panel", annex.id, "2027-05-12T17:00", speaker.id, version));
        deliveries.run(Instant.now()); // within the quiet minute: nothing yet
        assertTrue(Mail.to(smtp, email("lena"), "Panel").isEmpty());
        deliveries.run(Instant.now().plus(Duration.ofMinutes(2)));

        List<Mail> notices = Mail.to(smtp, email("lena"), "Panel");
        assertEquals(List.of("Changed: Panel"), subjects(notices));
        Mail notice = notices.get(0);
        has(
                notice.text(),
                "Now: Wednesday, 12 May 2027, 14:00 Europe/London (GMT+01:00)\n"
                        + "     Wednesday, 12 May 2027, 17:00 Asia/Baku (GMT+04:00) (event time)");
        has(
                notice.text(),
                "Was: Wednesday, 12 May 2027, 12:00 Europe/London (GMT+01:00)\n"
                        + "     Wednesday, 12 May 2027, 15:00 Asia/Baku (GMT+04:00) (event time)");
        has(notice.text(), "Room: Annex (was Stage)");
        VEvent mailed = onlyEvent(notice.calendars().get(0), "REQUEST");
        VEvent feed = feedEvent(event.slug, mailed.getUid().getValue());
        assertEquals(4, mailed.getSequence().getValue());
        assertEquals(feed.getSequence().getValue(), mailed.getSequence().getValue());
        assertEquals(feed.getDateStart().getValue(), mailed.getDateStart().getValue());
        assertEquals(List.of("Changed: Panel"), subjects(Mail.to(smtp, speakerEmail, "Panel")));
        assertTrue(Mail.to(smtp, email("babak"), "Panel").isEmpty());

        // a move and its undo: nothing
        version = update(event.slug, id, session("Panel", annex.id, "2027-05-12T18:00", speaker.id, version));
        version = update(event.slug, id, session("Panel", annex.id, "2027-05-12T17:00", speaker.id, version));
        deliveries.run(Instant.now().plus(Duration.ofMinutes(2)));
        assertEquals(1, Mail.to(smtp, email("lena"), "Panel").size());

        // cancelled: METHOD:CANCEL with the feed's UID and SEQUENCE
        given().header("Authorization", Tokens.bearer("organiser"))
                .delete("/api/events/" + event.slug + "/sessions/" + id)
                .then()
                .statusCode(200);
        deliveries.run(Instant.now().plus(Duration.ofMinutes(2)));
        Mail cancelled = Mail.to(smtp, email("lena"), "Cancelled: Panel").getFirst();
        has(cancelled.text(), "\"Panel\" at " + event.title + " is cancelled.");
        has(cancelled.calendarContentTypes().get(0), "method=CANCEL");
        VEvent cancel = onlyEvent(cancelled.calendars().get(0), "CANCEL");
        VEvent cancelledInFeed = feedEvent(event.slug, cancel.getUid().getValue());
        assertEquals(
                cancelledInFeed.getSequence().getValue(), cancel.getSequence().getValue());
        assertEquals("CANCELLED", cancel.getStatus().getValue());
    }

    @Test
    void preferencesChangeTheLeadsAndOneClickUnsubscribeTurnsACategoryOff() {
        given().header("Authorization", Tokens.bearer("noor"))
                .get("/api/me/notification-preferences")
                .then()
                .statusCode(200)
                .body("registration", equalTo(true))
                .body("reminders", equalTo(true))
                .body("schedule", equalTo(true))
                .body("eventReminderMinutes", equalTo(1440))
                .body("sessionReminderMinutes", equalTo(15));
        Event event = fixtures.publishedEvent();
        ConferenceSession keynote =
                fixtures.session(event, null, "Keynote", OPENING, OPENING.plus(Duration.ofMinutes(30)));
        Instant later = OPENING.plus(Duration.ofHours(2));
        ConferenceSession workshop =
                fixtures.session(event, null, "Workshop", later, later.plus(Duration.ofMinutes(30)));
        register(event.slug, "noor", "Europe/London");
        for (ConferenceSession s : List.of(keynote, workshop)) {
            given().header("Authorization", Tokens.bearer("noor"))
                    .put("/api/events/" + event.slug + "/sessions/" + s.id + "/star")
                    .then()
                    .statusCode(204);
        }
        given().header("Authorization", Tokens.bearer("noor"))
                .contentType(ContentType.JSON)
                .body("{\"registration\":true,\"reminders\":true,\"schedule\":true,"
                        + "\"eventReminderMinutes\":null,\"sessionReminderMinutes\":60}")
                .put("/api/me/notification-preferences")
                .then()
                .statusCode(200)
                .body("sessionReminderMinutes", equalTo(60));

        deliveries.run(OPENING.minus(Duration.ofHours(24))); // event reminder turned off
        assertTrue(Mail.to(smtp, email("noor"), "Coming up: " + event.title).isEmpty());
        deliveries.run(OPENING.minus(Duration.ofMinutes(60)));
        List<Mail> reminders = Mail.to(smtp, email("noor"), "Starting soon: Keynote");
        assertEquals(1, reminders.size());

        String link = reminders.get(0).listUnsubscribe().replaceAll("^<|>$", "");
        given().get(link).then().statusCode(200).body(containsString("<button type=\"submit\">Unsubscribe</button>"));
        given().header("Authorization", Tokens.bearer("noor"))
                .get("/api/me/notification-preferences")
                .then()
                .body("reminders", equalTo(true)); // a GET (a link scanner) changes nothing
        given().contentType(ContentType.URLENC)
                .body("List-Unsubscribe=One-Click")
                .post(link)
                .then()
                .statusCode(200)
                .body(containsString("no more e-mails about reminders"));
        given().header("Authorization", Tokens.bearer("noor"))
                .get("/api/me/notification-preferences")
                .then()
                .body("reminders", equalTo(false))
                .body("registration", equalTo(true));

        deliveries.run(later.minus(Duration.ofMinutes(60)));
        assertTrue(Mail.to(smtp, email("noor"), "Starting soon: Workshop").isEmpty());
        given().contentType(ContentType.URLENC)
                .body("List-Unsubscribe=One-Click")
                .post("/api/notifications/unsubscribe?token=bm9vcg.REMINDER.forged")
                .then()
                .statusCode(400)
                .body("code", equalTo("notification.bad-token"));
    }

    @Test
    void anSmtpOutageDelaysRemindersThenDeliversEachExactlyOnce() {
        Event event = fixtures.publishedEvent();
        ConferenceSession s = fixtures.session(event, null, "Field visit", OPENING, OPENING.plus(Duration.ofHours(1)));
        int people = 300;
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into registration (event_id, subject, display_name, email, time_zone, state,"
                            + " created_at, updated_at) select ?1, 'fault-' || g || '-' || ?2, 'Person ' || g,"
                            + " 'fault-' || g || '-' || ?2 || '@example.org', 'Europe/London', 'CONFIRMED', now(), now()"
                            + " from generate_series(1, ?3) g")
                    .setParameter(1, event.id)
                    .setParameter(2, event.slug)
                    .setParameter(3, people)
                    .executeUpdate();
            em.createNativeQuery("insert into session_star (session_id, subject, created_at)"
                            + " select ?1, r.subject, now() from registration r where r.event_id = ?2")
                    .setParameter(1, s.id)
                    .setParameter(2, event.id)
                    .executeUpdate();
        });
        Instant due = OPENING.minus(Duration.ofMinutes(15));

        smtp.stop();
        try {
            assertEquals(0, deliveries.run(due));
        } finally {
            smtp.start();
        }
        assertEquals(0, faultMails(event).size());
        assertEquals(
                people,
                count(
                        "select count(*) from notification_outbox where event_id = ?1"
                                + " and kind = 'SESSION_REMINDER' and state = 'PENDING' and attempts = 1",
                        event.id));

        // the SMTP server is back: passes after the backoff deliver everything (a pooled connection to the old
        // server may fail once more; its message waits for the next pass)
        Instant now = due;
        for (int pass = 0; pass < 5 && pending(event) > 0; pass++) {
            now = now.plus(Duration.ofHours(1));
            deliveries.run(now);
        }
        deliveries.run(now.plus(Duration.ofHours(1)));
        List<Mail> delivered = faultMails(event);
        assertEquals(people, delivered.size());
        assertEquals(people, delivered.stream().map(Mail::to).distinct().count());
        assertEquals(people, delivered.stream().map(Mail::messageId).distinct().count());
    }

    @Test
    void repeatedFailuresDeadLetterAMessageThatOnlyOrganisersSeeAndCanRetry() {
        Event event = fixtures.publishedEvent();
        register(event.slug, "babak", "Asia/Baku");
        Instant now = Instant.now();
        smtp.stop();
        try {
            for (int attempt = 0; attempt < 8; attempt++) {
                deliveries.run(now);
                now = now.plus(Duration.ofHours(2));
            }
        } finally {
            smtp.start();
        }
        given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/notifications/undelivered")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].kind", equalTo("REGISTRATION_CONFIRMED"))
                .body("[0].state", equalTo("DEAD"))
                .body("[0].attempts", equalTo(8));
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/events/" + event.slug + "/notifications/undelivered")
                .then()
                .statusCode(403);
        long id = given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/notifications/undelivered")
                .then()
                .extract()
                .jsonPath()
                .getLong("[0].id");
        assertTrue(Mail.to(smtp, email("babak"), event.title).isEmpty());
        given().header("Authorization", Tokens.bearer("organiser"))
                .post("/api/events/" + event.slug + "/notifications/undelivered/" + id + "/retry")
                .then()
                .statusCode(200)
                .body("state", equalTo("PENDING"));
        deliveries.run(Instant.now());
        assertEquals(
                List.of("Registration confirmed: " + event.title),
                subjects(Mail.to(smtp, email("babak"), event.title)));
    }

    @Test
    void aRecipientGetsAtMostTheHourlyLimitAndTheRestLater() {
        Event event = fixtures.publishedEvent();
        String address = "busy-" + event.slug + "@example.org";
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("insert into notification_outbox (event_id, kind, category, recipient,"
                                + " email, due_at, created_at) select ?1, 'REGISTRATION_CONFIRMED', 'REGISTRATION',"
                                + " ?2, ?2, now(), now() from generate_series(1, 31)")
                        .setParameter(1, event.id)
                        .setParameter(2, address)
                        .executeUpdate());
        Instant now = Instant.now();
        deliveries.run(now);
        assertEquals(30, Mail.to(smtp, address, event.title).size());
        deliveries.run(now.plus(Duration.ofMinutes(59)));
        assertEquals(30, Mail.to(smtp, address, event.title).size());
        deliveries.run(now.plus(Duration.ofMinutes(61)));
        assertEquals(31, Mail.to(smtp, address, event.title).size());
    }

    @Test
    void aSendNotMarkedBeforeACrashGoesAgainAfterTheLeaseWithTheSameMessageId() {
        Event event = fixtures.publishedEvent();
        register(event.slug, "babak", "Asia/Baku");
        Instant now = Instant.now();
        deliveries.run(now);
        // the crash: the SMTP server took the message, the sender died before marking it sent; its claim had moved
        // the row's due time a lease (5 min) ahead
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update notification_outbox set state = 'PENDING', sent_at = null,"
                                + " due_at = ?2 where event_id = ?1")
                        .setParameter(1, event.id)
                        .setParameter(2, now.plus(Duration.ofMinutes(5)))
                        .executeUpdate());
        deliveries.run(now.plus(Duration.ofMinutes(4))); // still leased: no other sender takes it
        assertEquals(1, Mail.to(smtp, email("babak"), event.title).size());
        deliveries.run(now.plus(Duration.ofMinutes(5)));
        List<Mail> copies = Mail.to(smtp, email("babak"), event.title);
        assertEquals(2, copies.size()); // at-least-once...
        assertEquals(copies.get(0).messageId(), copies.get(1).messageId()); // ...with the Message-ID clients dedupe
    }

    @Inject
    jakarta.enterprise.event.Event<Object> bus;

    @Test
    void theMessageCommitsOrRollsBackWithTheChangeThatFiredIt() {
        Event event = fixtures.publishedEvent();
        register(event.slug, "lena", "Europe/London");
        long registrationId = count("select id from registration where event_id = ?1", event.id);
        long before = count("select count(*) from notification_outbox where event_id = ?1", event.id);
        RegistrationChanged change = new RegistrationChanged(
                event.id,
                registrationId,
                "lena",
                Registration.State.CONFIRMED,
                Registration.State.CANCELLED,
                RegistrationChanged.Kind.CANCELLED);

        // the change's transaction rolls back: its message goes with it
        QuarkusTransaction.begin();
        bus.fire(change);
        QuarkusTransaction.rollback();
        assertEquals(before, count("select count(*) from notification_outbox where event_id = ?1", event.id));

        QuarkusTransaction.requiringNew().run(() -> bus.fire(change));
        assertEquals(before + 1, count("select count(*) from notification_outbox where event_id = ?1", event.id));
    }

    // --- helpers ---

    List<Mail> faultMails(Event event) {
        return java.util.Arrays.stream(smtp.getReceivedMessages())
                .map(Mail::of)
                .filter(m -> m.to().endsWith("-" + event.slug + "@example.org"))
                .toList();
    }

    long pending(Event event) {
        return count("select count(*) from notification_outbox where event_id = ?1 and state = 'PENDING'", event.id);
    }

    long count(String sql, long eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql)
                                .setParameter(1, eventId)
                                .getSingleResult())
                        .longValue());
    }

    static void has(String text, String part) {
        assertThat(text, containsString(part));
    }

    static List<String> subjects(List<Mail> mails) {
        return mails.stream().map(Mail::subject).toList();
    }

    static String email(String user) {
        String payload = Tokens.of(user).split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(json).getString("email");
    }

    static void register(String slug, String user, String zone) {
        given().header("Authorization", Tokens.bearer(user))
                .contentType(ContentType.JSON)
                .body("{\"timeZone\":\"" + zone + "\"}")
                .post("/api/events/" + slug + "/registration")
                .then()
                .statusCode(201);
    }

    static void settings(String slug, String json) {
        given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(json)
                .put("/api/events/" + slug + "/registration-settings")
                .then()
                .statusCode(200);
    }

    static String session(String title, long roomId, String start, long speakerId, Long version) {
        String end = start.substring(0, 11)
                + String.format("%02d", Integer.parseInt(start.substring(11, 13)) + 1)
                + start.substring(13);
        return "{\"title\":\"%s\",\"type\":\"TALK\",\"roomId\":%d,\"start\":\"%s\",\"end\":\"%s\",\"speakers\":[{\"speakerId\":%d}]%s}"
                .formatted(title, roomId, start, end, speakerId, version == null ? "" : ",\"version\":" + version);
    }

    static long update(String slug, long id, String json) {
        return given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body(json)
                .put("/api/events/" + slug + "/sessions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
    }

    static VEvent onlyEvent(String ics, String method) {
        ICalendar calendar = Biweekly.parse(ics).first();
        assertEquals(method, calendar.getMethod().getValue());
        assertEquals(1, calendar.getEvents().size());
        return calendar.getEvents().getFirst();
    }

    static VEvent feedEvent(String slug, String uid) {
        String feed = given().get("/api/events/" + slug + "/calendar.ics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return Biweekly.parse(feed).first().getEvents().stream()
                .filter(e -> e.getUid().getValue().equals(uid))
                .findFirst()
                .orElseThrow();
    }
}
