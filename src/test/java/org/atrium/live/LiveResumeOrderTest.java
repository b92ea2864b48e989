package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: every room event reaches a connection once, in seq order, with no gap, also when a join or resume races
 * the room's writer. The first two tests split the writer's two halves (store, then ack and fan out) to replay the
 * exact interleavings; the last races real resumes against a streaming writer.
 */
@QuarkusTest
class LiveResumeOrderTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    LiveRooms rooms;

    @Inject
    RoomWriter writer;

    Event event() {
        Event event = LiveSocketTest.room(fixtures).event();
        fixtures.registration(event, "frieda", Registration.State.CONFIRMED, null);
        return event;
    }

    LiveRoom roomOf(Event event) {
        return rooms.room(LiveRoom.eventKey(event.id), event.id, null);
    }

    /** What the hub stores on the event channel when the programme changes (no sender, no rate limit). */
    private static Command change(String ref) {
        return Command.fromServer(LiveCommand.SESSION_CHANGED, ref, new Payload.SessionChange(1, "updated", 1));
    }

    private static String announce(String ref) {
        return "{\"type\":\"announcement.post\",\"ref\":\"" + ref + "\",\"text\":\"" + ref + "\"}";
    }

    /**
     * The reported duplicate: a batch commits, a resume's catch-up read sees it and the member goes live, and only then
     * does the batch's fan-out reach the member's event loop. It used to be sent a second time.
     */
    @Test
    void aBatchTheCatchUpAlreadySentIsNotSentAgainWhenItsFanOutArrivesAfterTheResume() {
        Event event = event();
        String path = "/live/events/" + event.slug;
        LiveRoom room = roomOf(event);
        try (LiveClient org = LiveClient.connect(base, path, "organiser")) {
            org.next("snapshot");
            org.command(announce("a1"));
            assertEquals(1, org.next("announcement.posted").get("seq").asLong());

            RoomStore.Result committed = writer.store(room, List.of(change("late-" + UUID.randomUUID())));
            try (LiveClient bob = LiveClient.connect(base, path + "?since=1", "bob")) {
                assertEquals(2, bob.next("session.changed").get("seq").asLong(), "the catch-up read it");
                writer.publish(room, committed); // the fan-out of the same batch, now that bob is live
                assertEquals(2, org.next("session.changed").get("seq").asLong());

                org.command(announce("a2"));
                assertEquals(3, org.next("announcement.posted").get("seq").asLong());
                JsonNode next = bob.next();
                assertEquals(3, next.get("seq").asLong(), () -> "bob got " + next);
            }
        }
    }

    /**
     * A batch stored whose fan-out never came (as when the writer cannot learn whether its commit succeeded): the next
     * event skips its seq, and the members read the missing one from the database instead of skipping it.
     */
    @Test
    void anEventWhoseFanOutNeverCameIsReadFromTheDatabaseBeforeTheNextOne() {
        Event event = event();
        String path = "/live/events/" + event.slug;
        LiveRoom room = roomOf(event);
        try (LiveClient org = LiveClient.connect(base, path, "organiser");
                LiveClient bob = LiveClient.connect(base, path, "bob")) {
            org.next("snapshot");
            assertEquals(0, bob.next("snapshot").get("seq").asLong());
            org.command(announce("a1"));
            org.next("announcement.posted");
            assertEquals(1, bob.next("announcement.posted").get("seq").asLong());

            writer.store(room, List.of(change("lost-" + UUID.randomUUID()))); // seq 2, never fanned out
            org.command(announce("a2"));
            for (LiveClient c : List.of(bob, org)) {
                JsonNode missed = c.next();
                assertEquals("session.changed", missed.get("type").asText(), missed::toString);
                assertEquals(2, missed.get("seq").asLong());
                JsonNode after = c.next("announcement.posted");
                assertEquals(3, after.get("seq").asLong());
            }
            org.command(announce("a3"));
            assertEquals(4, bob.next("announcement.posted").get("seq").asLong());
        }
    }

    /**
     * A reconnect storm against a streaming writer: each resume with {@code ?since=} must get exactly the events after
     * it, each once, in seq order, then the live ones, with no gap.
     */
    @Test
    void resumesRacingAStreamingWriterSeeEverySeqOnceInOrder() throws Exception {
        Event event = event();
        String path = "/live/events/" + event.slug;
        LiveRoom room = roomOf(event);
        List<String> accounts = List.of("alice", "bob", "frieda", "speaker");
        int resumesEach = 25; // 100 resumes in all
        String run = UUID.randomUUID().toString();
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger published = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(accounts.size() + 1);
        try {
            Future<?> publisher = pool.submit(() -> {
                // bursts of a few commands: the writer stores them as batches of several events
                while (streaming.get()) {
                    int burst = 1 + ThreadLocalRandom.current().nextInt(5);
                    for (int i = 0; i < burst; i++) {
                        writer.submit(room, change(run + "-" + published.incrementAndGet()));
                    }
                    Thread.sleep(1);
                }
                return null;
            });
            List<Future<Long>> resumers = new ArrayList<>();
            for (String account : accounts) {
                resumers.add(pool.submit(() -> {
                    long seen = -1;
                    for (int r = 0; r <= resumesEach; r++) {
                        seen = connectAndRead(
                                path,
                                account,
                                seen,
                                1 + ThreadLocalRandom.current().nextInt(20),
                                -1);
                    }
                    return seen;
                }));
            }
            for (Future<Long> f : resumers) {
                f.get();
            }
            streaming.set(false);
            publisher.get();
            // everything submitted has been stored once the writer acknowledges a last marker on the same queue
            long last;
            try (LiveClient org = LiveClient.connect(base, path, "organiser")) {
                org.next("snapshot");
                org.send(announce("end"));
                JsonNode f;
                do {
                    f = org.next(); // the stream's tail may still be on its way
                } while (!f.path("type").asText().equals("ack"));
                last = f.get("seq").asLong();
            }
            assertEquals(published.get() + 1, last, "every command stored once");
            for (int i = 0; i < accounts.size(); i++) {
                long seen = resumers.get(i).get();
                assertEquals(last, connectAndRead(path, accounts.get(i), seen, Integer.MAX_VALUE, last));
            }
        } finally {
            streaming.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * Connects (a resume after {@code seen}, or a first join when it is -1), checks that the room events come as
     * seen+1, seen+2, ... and closes after {@code count} of them or once {@code until} was read; returns the last seq.
     */
    private long connectAndRead(String path, String account, long seen, int count, long until) {
        String query = seen < 0 ? "" : "?since=" + seen;
        try (LiveClient c = LiveClient.connect(base, path + query, account)) {
            long expected = seen + 1;
            int read = 0;
            while (read < count && (until < 0 || expected <= until)) {
                JsonNode f = c.next();
                String type = f.path("type").asText();
                if (type.equals("snapshot")) {
                    assertEquals(0, read, "a snapshot comes first or not at all");
                    expected = f.get("seq").asLong() + 1;
                    continue;
                }
                assertTrue(f.has("seq"), () -> account + " got " + f);
                long seq = f.get("seq").asLong();
                long want = expected;
                assertEquals(
                        want, seq, () -> account + " resumed after " + seen + " and expected " + want + ", got " + f);
                expected++;
                read++;
            }
            return expected - 1;
        }
    }
}
