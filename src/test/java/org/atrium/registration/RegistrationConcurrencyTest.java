package org.atrium.registration;

import static io.restassured.RestAssured.given;
import static org.atrium.registration.RegistrationApi.capacity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.atrium.event.Event;
import org.atrium.registration.Burst.Answer;
import org.atrium.registration.Burst.Call;
import org.atrium.registration.Registration.State;
import org.atrium.registration.RegistrationChanged.Kind;
import org.atrium.registration.RegistrationRows.Row;
import org.atrium.support.Fixtures;
import org.atrium.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The invariants under concurrency, over real HTTP against real PostgreSQL: never overbooked, the waitlist in
 * arrival order, one registration per account, one promotion per freed place. Accounts are distinct OIDC users:
 * the development OIDC server issues a token for any user name (with the role "user").
 */
@QuarkusTest
class RegistrationConcurrencyTest {

    static final int THREADS = 100;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Inject
    RegistrationRows rows;

    @Inject
    RecordedChanges changes;

    @Test
    void aBurstOf520RegistrationsFor100PlacesConfirms100AndQueuesTheRestInArrivalOrder() throws Exception {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 100, "AUTOMATIC");
        List<String> users = users("p", 520);
        Burst.tokens(users, 8);

        List<Answer> answers = Burst.fire(
                base, users.stream().map(u -> Burst.register(event.slug, u)).toList(), THREADS);

        assertEquals(Map.of(201, 520L), countBy(answers, a -> a.status()), () -> firstOddAnswer(answers));
        assertEquals(Map.of("CONFIRMED", 100L, "WAITLISTED", 420L), countBy(answers, Answer::state));
        List<Row> all = rows.of(event.id);
        assertEquals(520, all.size());
        assertEquals(Set.copyOf(users), all.stream().map(Row::subject).collect(Collectors.toSet()));
        assertEquals(List.of(), Invariants.violations(all, 100));
        List<Row> confirmed = rows.of(event.id, State.CONFIRMED);
        List<Row> waitlist = rows.of(event.id, State.WAITLISTED);
        assertEquals(100, confirmed.size());
        assertEquals(420, waitlist.size());
        // the first 100 arrivals hold the places; the answers told each caller what the database holds
        assertEquals(all.subList(0, 100), confirmed);
        Map<Long, String> answered = answers.stream().collect(Collectors.toMap(Answer::id, Answer::state));
        all.forEach(r -> assertEquals(r.state().name(), answered.get(r.id())));
        // the events said the same, once each
        assertEquals(
                Map.of(Kind.CONFIRMED, 100L, Kind.WAITLISTED, 420L),
                countBy(changes.of(event.id), RegistrationChanged::kind));

        // the organisers' list shows the waitlist in arrival order with positions 1..420
        var page = given().header("Authorization", Tokens.bearer("organiser"))
                .get("/api/events/" + event.slug + "/registrations?state=WAITLISTED&size=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(waitlist.stream().map(Row::id).toList(), page.getList("items.id", Long.class));
        assertEquals(
                IntStream.rangeClosed(1, 420).boxed().toList(), page.getList("items.waitlistPosition", Integer.class));

        // promotion follows the waitlist: five cancellations one after another promote its first five, in order
        for (int i = 0; i < 5; i++) {
            RegistrationApi.cancelOwn(event.slug, confirmed.get(i).subject()).statusCode(200);
        }
        assertEquals(
                waitlist.subList(0, 5).stream().map(Row::id).toList(),
                promoted(event).stream()
                        .map(RegistrationChanged::registrationId)
                        .toList());

        // 45 cancellations at once promote exactly the next 45, and nobody else
        List<Answer> cancels = Burst.fire(
                base,
                confirmed.subList(5, 50).stream()
                        .map(r -> Burst.cancel(event.slug, r.subject()))
                        .toList(),
                THREADS);
        assertEquals(Map.of(200, 45L), countBy(cancels, a -> a.status()));
        assertEquals(
                waitlist.subList(0, 50).stream().map(Row::id).collect(Collectors.toSet()),
                promoted(event).stream()
                        .map(RegistrationChanged::registrationId)
                        .collect(Collectors.toSet()));
        assertEquals(50, promoted(event).size());
        assertEquals(100, rows.of(event.id, State.CONFIRMED).size());
        assertEquals(waitlist.subList(50, 420), rows.of(event.id, State.WAITLISTED));
        assertEquals(List.of(), Invariants.violations(rows.of(event.id), 100));
    }

    @Test
    void cancellationsRacingRegistrationsPromoteExactlyOneEachAndNeverOverbook() throws Exception {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 50, "AUTOMATIC");
        List<String> early = users("q", 150);
        List<String> late = users("n", 150);
        Burst.tokens(early, 8);
        Burst.tokens(late, 8);
        List<Answer> filled = Burst.fire(
                base, early.stream().map(u -> Burst.register(event.slug, u)).toList(), THREADS);
        assertEquals(Map.of(201, 150L), countBy(filled, a -> a.status()), () -> firstOddAnswer(filled));
        List<Row> confirmedBefore = rows.of(event.id, State.CONFIRMED);
        List<Row> waitlistBefore = rows.of(event.id, State.WAITLISTED);
        assertEquals(50, confirmedBefore.size());
        assertEquals(100, waitlistBefore.size());

        List<Call> calls = new ArrayList<>();
        List<String> leavingConfirmed =
                confirmedBefore.subList(0, 40).stream().map(Row::subject).toList();
        // from the back half of the waitlist, which the 40 promotions cannot reach
        List<String> leavingWaitlisted = IntStream.range(0, 10)
                .mapToObj(i -> waitlistBefore.get(50 + i * 5).subject())
                .toList();
        leavingConfirmed.forEach(u -> calls.add(Burst.cancel(event.slug, u)));
        leavingWaitlisted.forEach(u -> calls.add(Burst.cancel(event.slug, u)));
        late.forEach(u -> calls.add(Burst.register(event.slug, u)));
        List<String> doubleClickers = late.subList(0, 30);
        doubleClickers.forEach(u -> calls.add(Burst.register(event.slug, u)));
        Collections.shuffle(calls, new Random(42));

        List<Answer> answers = Burst.fire(base, calls, THREADS);

        assertEquals(Map.of(200, 80L, 201, 150L), countBy(answers, a -> a.status()), () -> firstOddAnswer(answers));
        List<Row> after = rows.of(event.id);
        assertEquals(List.of(), Invariants.violations(after, 50));
        assertEquals(300, after.size());
        assertEquals(50, rows.of(event.id, State.CONFIRMED).size());
        assertEquals(
                Set.copyOf(concat(leavingConfirmed, leavingWaitlisted)),
                rows.of(event.id, State.CANCELLED).stream().map(Row::subject).collect(Collectors.toSet()));
        // each of the 40 cancelled places went to exactly one person from the waitlist (it never ran dry)
        List<RegistrationChanged> promotions = promoted(event);
        assertEquals(40, promotions.size());
        assertEquals(
                40,
                promotions.stream()
                        .map(RegistrationChanged::registrationId)
                        .distinct()
                        .count());
        // ... and those were the first 40 in line
        assertEquals(
                waitlistBefore.subList(0, 40).stream().map(Row::subject).collect(Collectors.toSet()),
                promotions.stream().map(RegistrationChanged::subject).collect(Collectors.toSet()));
        // nobody who arrived during the race got a place: they all queue behind the earlier waitlist
        Set<String> lateSet = Set.copyOf(late);
        after.stream()
                .filter(r -> lateSet.contains(r.subject()))
                .forEach(r -> assertEquals(State.WAITLISTED, r.state(), r.subject()));
        // a double click got one registration: one 201 and one 200 with the same id
        for (String u : doubleClickers) {
            List<Answer> mine =
                    answers.stream().filter(a -> a.call().user().equals(u)).toList();
            assertEquals(Set.of(200, 201), mine.stream().map(Answer::status).collect(Collectors.toSet()), u);
            assertEquals(1, mine.stream().map(Answer::id).distinct().count(), u);
        }
    }

    static List<String> users(String prefix, int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> "%s%03d".formatted(prefix, i))
                .toList();
    }

    private List<RegistrationChanged> promoted(Event event) {
        return changes.of(event.id).stream()
                .filter(c -> c.kind() == Kind.PROMOTED)
                .toList();
    }

    static <T, K> Map<K, Long> countBy(List<T> items, java.util.function.Function<T, K> key) {
        return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    static String firstOddAnswer(List<Answer> answers) {
        return answers.stream()
                .filter(a -> a.status() >= 300)
                .findFirst()
                .map(Answer::toString)
                .orElse("none");
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
