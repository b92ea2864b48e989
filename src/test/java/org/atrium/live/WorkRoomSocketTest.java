package org.atrium.live;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.LocalDate;
import org.atrium.cluster.ClusterChannel;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.support.Fixtures;
import org.atrium.support.OtherNode;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A work's live room (issue 16) with real WebSocket clients: the guestbook moderated like Q&A (a pending entry reaches
 * only its author and the curators, approval publishes it live), an anonymous author never leaked to visitors or to
 * curators who do not organise (snapshot, live frame, resume), reactions and presence as in a session room, and who
 * may enter as the gallery says (registered-only, draft), with another event's organiser a mere visitor.
 */
@QuarkusTest
class WorkRoomSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    ClusterChannel channel;

    /** carol curates the event; olga organises another event and is a visitor here. */
    Event event() {
        Event event = fixtures.publishedEvent();
        given().header("Authorization", Tokens.bearer("organiser"))
                .put("/api/events/" + event.slug + "/curators/carol")
                .then()
                .statusCode(200);
        Event other = fixtures.event(
                Fixtures.uniqueSlug("other"),
                "Europe/London",
                LocalDate.of(2027, 6, 1),
                LocalDate.of(2027, 6, 2),
                true);
        fixtures.addOrganiser(other, "olga");
        return event;
    }

    long gallery(Event event, String visibility, boolean premoderation) {
        return given().header("Authorization", Tokens.bearer("organiser"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Hall " + visibility + "\",\"visibility\":\"" + visibility + "\",\"premoderation\":"
                        + premoderation + ",\"hours\":[]}")
                .post("/api/events/" + event.slug + "/galleries")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    long work(Event event, long gallery) {
        return given().header("Authorization", Tokens.bearer("carol"))
                .contentType(ContentType.JSON)
                .body("{\"galleryId\":" + gallery + ",\"title\":\"Field of stones\",\"artists\":[]}")
                .post("/api/events/" + event.slug + "/works")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    LiveClient join(long work, String user) {
        return LiveClient.connect(base, "/live/works/" + work, user);
    }

    /** Sends a command and reads on to its answer (ack or error with its ref), past room events still arriving. */
    static JsonNode command(LiveClient c, String frame) {
        String ref;
        try {
            ref = LiveClient.JSON.readTree(frame).path("ref").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        c.send(frame);
        while (true) {
            JsonNode f = c.next();
            String type = f.path("type").asText();
            if ((type.equals("ack") || type.equals("error"))
                    && ref.equals(f.path("ref").asText())) {
                return f;
            }
        }
    }

    /** The next frame of one of the given types, skipping others (reactions and presence come unsequenced). */
    static JsonNode nextOf(LiveClient c, String type) {
        while (true) {
            JsonNode f = c.next();
            if (f.path("type").asText().equals(type)) {
                return f;
            }
        }
    }

    @Test
    void aPendingEntryReachesItsAuthorAndTheCuratorsOnlyAndApprovalPublishesItWithoutItsAuthor() {
        Event event = event();
        long work = work(event, gallery(event, "PUBLISHED", true));
        try (LiveClient carol = join(work, "carol");
                LiveClient organiser = join(work, "organiser");
                LiveClient alice = join(work, "alice");
                LiveClient bob = join(work, "bob");
                LiveClient olga = join(work, "olga")) {
            JsonNode carolSnapshot = carol.next("snapshot");
            assertEquals("work:" + work, carolSnapshot.at("/room/key").asText());
            assertTrue(carolSnapshot.at("/you/moderator").asBoolean());
            assertFalse(carolSnapshot.at("/you/organiser").asBoolean());
            assertTrue(carolSnapshot.at("/settings/premoderation").asBoolean(), "the gallery's pre-moderation");
            assertTrue(carolSnapshot.at("/settings/qaOpen").asBoolean());
            assertTrue(organiser.next("snapshot").at("/you/moderator").asBoolean());
            JsonNode aliceSnapshot = alice.next("snapshot");
            assertFalse(aliceSnapshot.at("/you/moderator").asBoolean(), "anyone signed in visits a published gallery");
            long before = aliceSnapshot.path("seq").asLong();
            bob.next("snapshot");
            assertFalse(olga.next("snapshot").at("/you/moderator").asBoolean(), "another event's organiser visits");

            JsonNode ack = command(
                    alice,
                    "{\"type\":\"question.ask\",\"ref\":\"g-1\",\"text\":\"It made me think of my father\","
                            + "\"anonymous\":true}");
            assertEquals("ack", ack.path("type").asText(), ack::toString);
            JsonNode mine = alice.next("question.asked").path("question");
            assertEquals("pending", mine.path("state").asText());
            assertEquals("alice", mine.at("/author/subject").asText(), "the author sees their own name");
            long id = mine.path("id").asLong();
            JsonNode toCurator = carol.next("question.asked").path("question");
            assertEquals(id, toCurator.path("id").asLong());
            assertTrue(toCurator.path("author").isNull(), () -> "a curator who does not organise: " + toCurator);
            assertEquals(
                    "alice",
                    organiser
                            .next("question.asked")
                            .at("/question/author/subject")
                            .asText(),
                    "organisers handle abuse");

            // another event's organiser is no moderator here; a visitor may not approve either
            assertEquals(
                    "forbidden",
                    command(olga, "{\"type\":\"question.approve\",\"ref\":\"o-1\",\"questionId\":" + id + "}")
                            .path("code")
                            .asText());
            assertEquals(
                    "forbidden",
                    command(bob, "{\"type\":\"question.approve\",\"ref\":\"b-1\",\"questionId\":" + id + "}")
                            .path("code")
                            .asText());
            // a work room has no chat
            assertEquals(
                    "message.unknown-type",
                    command(bob, "{\"type\":\"chat.post\",\"ref\":\"b-2\",\"text\":\"hi\"}")
                            .path("code")
                            .asText());

            // a late visitor's snapshot does not hold the pending entry; a curator's does, without the author
            try (LiveClient late = join(work, "dave");
                    LiveClient carol2 = join(work, "carol")) {
                JsonNode lateSnapshot = late.next("snapshot");
                assertEquals(0, lateSnapshot.path("questions").size(), lateSnapshot::toString);
                assertEquals(6, lateSnapshot.path("presence").asInt(), "six accounts in the room: " + lateSnapshot);
                JsonNode pending = carol2.next("snapshot").path("questions").get(0);
                assertEquals("pending", pending.path("state").asText());
                assertTrue(pending.path("author").isNull(), pending::toString);
            }

            assertEquals(
                    "ack",
                    command(carol, "{\"type\":\"question.approve\",\"ref\":\"c-1\",\"questionId\":" + id + "}")
                            .path("type")
                            .asText());
            // bob's first room event after his snapshot is the approval: the pending entry never reached him
            JsonNode approved = bob.next("question.updated");
            assertEquals("approve", approved.path("action").asText());
            assertEquals("visible", approved.at("/question/state").asText());
            assertEquals(
                    "It made me think of my father",
                    approved.at("/question/text").asText());
            assertTrue(approved.at("/question/author").isNull(), approved::toString);
            assertTrue(
                    olga.next("question.updated").at("/question/author").isNull(),
                    "another event's organiser is a visitor here");
            assertEquals(
                    "alice",
                    nextOf(alice, "question.updated")
                            .at("/question/author/subject")
                            .asText());

            // a curator's reply and pin reach the visitors, the entry still anonymous in both
            command(
                    carol,
                    "{\"type\":\"question.reply\",\"ref\":\"c-2\",\"questionId\":" + id
                            + ",\"text\":\"Thank you for writing\"}");
            assertEquals(
                    "Thank you for writing",
                    bob.next("question.replied").at("/reply/text").asText());
            command(carol, "{\"type\":\"question.pin\",\"ref\":\"c-3\",\"questionId\":" + id + "}");
            JsonNode pinned = bob.next("question.updated");
            assertEquals("pin", pinned.path("action").asText());
            assertTrue(pinned.at("/question/author").isNull(), pinned::toString);

            // snapshots and resumes keep the rule
            try (LiveClient bob2 = join(work, "bob");
                    LiveClient alice2 = join(work, "alice");
                    LiveClient organiser2 = join(work, "organiser")) {
                JsonNode entry = bob2.next("snapshot").path("questions").get(0);
                assertEquals("visible", entry.path("state").asText());
                assertTrue(entry.path("author").isNull(), entry::toString);
                assertEquals(
                        "alice",
                        alice2.next("snapshot")
                                .at("/questions/0/author/subject")
                                .asText());
                assertEquals(
                        "alice",
                        organiser2
                                .next("snapshot")
                                .at("/questions/0/author/subject")
                                .asText());
            }
            try (LiveClient bobResumes = LiveClient.connect(base, "/live/works/" + work + "?since=" + before, "bob");
                    LiveClient carolResumes =
                            LiveClient.connect(base, "/live/works/" + work + "?since=" + before, "carol");
                    LiveClient organiserResumes =
                            LiveClient.connect(base, "/live/works/" + work + "?since=" + before, "organiser")) {
                JsonNode replayed = bobResumes.next();
                assertEquals("question.updated", replayed.path("type").asText(), "the pending ask is not replayed");
                assertTrue(replayed.at("/question/author").isNull(), replayed::toString);
                JsonNode curatorReplay = carolResumes.next("question.asked");
                assertTrue(curatorReplay.at("/question/author").isNull(), curatorReplay::toString);
                assertEquals(
                        "alice",
                        organiserResumes
                                .next("question.asked")
                                .at("/question/author/subject")
                                .asText());
            }

            // reactions: the same command and 250 ms frames as a session room
            bob.send("{\"type\":\"reaction.send\",\"reaction\":\"heart\"}");
            JsonNode reactions = nextOf(alice, "reactions");
            assertEquals(1, reactions.at("/counts/heart").asInt(), reactions::toString);
        }
    }

    @Test
    void switchingTheGallerysPreModerationHoldsTheNextEntries() {
        Event event = event();
        long gallery = gallery(event, "PUBLISHED", false);
        long work = work(event, gallery);
        try (LiveClient alice = join(work, "alice")) {
            assertFalse(alice.next("snapshot").at("/settings/premoderation").asBoolean());
            command(alice, "{\"type\":\"question.ask\",\"ref\":\"a-1\",\"text\":\"Beautiful\",\"anonymous\":false}");
            assertEquals(
                    "visible",
                    alice.next("question.asked").at("/question/state").asText());
            given().header("Authorization", Tokens.bearer("carol"))
                    .contentType(ContentType.JSON)
                    .body("{\"name\":\"Hall\",\"visibility\":\"PUBLISHED\",\"premoderation\":true,\"hours\":[]}")
                    .put("/api/events/" + event.slug + "/galleries/" + gallery)
                    .then()
                    .statusCode(200);
            command(alice, "{\"type\":\"question.ask\",\"ref\":\"a-2\",\"text\":\"Haunting\",\"anonymous\":false}");
            assertEquals(
                    "pending",
                    alice.next("question.asked").at("/question/state").asText(),
                    "the room's writer read the gallery's switch");
        }
        try (LiveClient bob = join(work, "bob")) {
            assertTrue(bob.next("snapshot").at("/settings/premoderation").asBoolean());
        }
    }

    @Test
    void whoMayEnterIsWhoMayEnterTheGallery() {
        Event event = event();
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, null);
        long registeredOnly = work(event, gallery(event, "REGISTERED", false));
        long draft = work(event, gallery(event, "DRAFT", false));

        try (LiveClient bob = join(registeredOnly, "bob")) {
            JsonNode refused = bob.next("error");
            assertEquals("live.not-admitted", refused.path("code").asText());
            assertEquals(4403, bob.awaitClose());
        }
        try (LiveClient alice = join(registeredOnly, "alice")) {
            assertEquals("snapshot", alice.next().path("type").asText(), "a confirmed participant enters");
        }
        try (LiveClient alice = join(draft, "alice")) {
            assertEquals("work.not-found", alice.next("error").path("code").asText(), "a draft is not shown");
            assertEquals(4404, alice.awaitClose());
        }
        try (LiveClient olga = join(draft, "olga")) {
            assertEquals("work.not-found", olga.next("error").path("code").asText());
            assertEquals(4404, olga.awaitClose());
        }
        try (LiveClient carol = join(draft, "carol");
                LiveClient organiser = join(draft, "organiser")) {
            assertTrue(carol.next("snapshot").at("/you/moderator").asBoolean(), "curators prepare drafts");
            assertTrue(organiser.next("snapshot").at("/you/organiser").asBoolean());
        }
        try (LiveClient alice = join(99_999_999L, "alice")) {
            assertEquals("work.not-found", alice.next("error").path("code").asText());
            assertEquals(4404, alice.awaitClose());
        }
    }

    /**
     * Several nodes: a batch stored here is announced to the other nodes (the room writer's path); an entry another
     * node stored (its log row and announcement, as its writer does) reaches the members here, anonymous to the visitor
     * and named to the organiser; another node's head count is added to this node's.
     */
    @Test
    void aWorkRoomIsKeptAcrossNodesLikeASessionRoom() throws Exception {
        Event event = event();
        long work = work(event, gallery(event, "PUBLISHED", false));
        String key = "work:" + work;
        try (OtherNode other = OtherNode.connect();
                LiveClient bob = join(work, "bob");
                LiveClient organiser = join(work, "organiser")) {
            other.listen();
            long seq = bob.next("snapshot").path("seq").asLong();
            organiser.next("snapshot");
            command(bob, "{\"type\":\"question.ask\",\"ref\":\"b-1\",\"text\":\"Quiet\",\"anonymous\":false}");
            String announced = channel.node() + "\nlive\n" + key + " " + (seq + 1) + " " + (seq + 1);
            java.util.List<String> received = new java.util.ArrayList<>();
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
            while (!received.contains(announced) && java.time.Instant.now().isBefore(deadline)) {
                received.addAll(other.poll());
            }
            assertTrue(received.contains(announced), received::toString);
            nextOf(bob, "question.asked");
            nextOf(organiser, "question.asked");

            // the other node's writer stores an anonymous entry and announces it in the same transaction
            long next = seq + 2;
            other.jdbc().setAutoCommit(false);
            try (java.sql.PreparedStatement insert = other.jdbc()
                    .prepareStatement("insert into live_log (room, seq, type, payload, author, client_ref, owner,"
                            + " restricted, created_at) values (?, ?, 'question.asked', cast(? as jsonb), 'alice',"
                            + " 'a-1', 'alice', false, now())")) {
                insert.setString(1, key);
                insert.setLong(2, next);
                insert.setString(
                        3,
                        "{\"type\":\"question.asked\",\"seq\":" + next + ",\"question\":{\"id\":999999,"
                                + "\"author\":{\"subject\":\"alice\",\"name\":\"Alice\"},\"anonymous\":true,"
                                + "\"text\":\"From the other node\",\"state\":\"visible\",\"pinned\":false,"
                                + "\"votes\":0,\"askedAt\":\"2026-11-30T12:00:00Z\"}}");
                insert.executeUpdate();
            }
            other.notifyAs("other-node:1", "live", key + " " + next + " " + next);
            other.jdbc().commit();
            JsonNode toVisitor = nextOf(bob, "question.asked");
            assertEquals("From the other node", toVisitor.at("/question/text").asText());
            assertTrue(toVisitor.at("/question/author").isNull(), toVisitor::toString);
            assertEquals(
                    "alice",
                    nextOf(organiser, "question.asked")
                            .at("/question/author/subject")
                            .asText());

            // four people on the other node: bob is told the sum at the next presence tick
            other.jdbc().setAutoCommit(true);
            other.notifyAs("other-node:1", "presence", key + " 4");
            JsonNode presence;
            do {
                presence = bob.poll(20);
            } while (presence != null
                    && !(presence.path("type").asText().equals("presence")
                            && presence.path("count").asInt() == 6));
            assertEquals(6, presence == null ? -1 : presence.path("count").asInt(), "2 here and 4 there");
        }
    }
}
