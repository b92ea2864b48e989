package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import org.atrium.support.Fixtures;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Joins and chat lines must not grow Hibernate's query plan cache: a native query misses it on every call and adds an
 * entry, which slowed live joins by a sixth and pushed out the plans of other queries (see common/Sql).
 */
@QuarkusTest
class LiveQueryPlanTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManagerFactory emf;

    @Test
    void repeatedJoinsResumesAndChatLinesReuseTheirQueryPlans() {
        LiveSocketTest.Setup s = LiveSocketTest.room(fixtures);
        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        joinAndPost(s, 0); // the first round compiles what it needs
        long misses = stats.getQueryPlanCacheMissCount();
        for (int round = 1; round <= 5; round++) {
            joinAndPost(s, round);
        }
        assertEquals(misses, stats.getQueryPlanCacheMissCount(), "query plan cache misses after the first round");
    }

    private void joinAndPost(LiveSocketTest.Setup s, int round) {
        try (LiveClient alice = LiveClient.connect(base, s.path(), "alice")) {
            alice.next("snapshot");
            alice.command("{\"type\":\"chat.post\",\"ref\":\"r" + round + "\",\"text\":\"round " + round + "\"}");
            alice.next("chat.posted");
        }
        // a resume (the events after a seq) and a join of the event channel (its last announcements)
        try (LiveClient again = LiveClient.connect(base, s.path() + "?since=0", "alice");
                LiveClient channel = LiveClient.connect(base, "/live/events/" + s.event().slug, "alice")) {
            assertEquals(
                    "round 0", again.next("chat.posted").at("/message/text").asText());
            channel.next("snapshot");
        }
    }
}
