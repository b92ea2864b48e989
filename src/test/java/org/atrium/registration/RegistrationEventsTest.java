package org.atrium.registration;

import static org.atrium.registration.RegistrationApi.cancelOwn;
import static org.atrium.registration.RegistrationApi.capacity;
import static org.atrium.registration.RegistrationApi.registerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.atrium.event.Event;
import org.atrium.registration.Registration.State;
import org.atrium.registration.RegistrationChanged.Kind;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationEventsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    RecordedChanges changes;

    @Inject
    RegistrationRows rows;

    @Inject
    FailingUseCase failing;

    @Test
    void everyChangeIsHeardOnceAndOnlyAfterItsCommit() {
        Event event = fixtures.publishedEvent();
        capacity(event.slug, 1, "AUTOMATIC");
        long alice = registerId(event.slug, "alice");
        long bob = registerId(event.slug, "bob");
        cancelOwn(event.slug, "alice").statusCode(200);

        assertEquals(
                List.of(
                        new RegistrationChanged(event.id, alice, "alice", null, State.CONFIRMED, Kind.CONFIRMED),
                        new RegistrationChanged(event.id, bob, "bob", null, State.WAITLISTED, Kind.WAITLISTED),
                        new RegistrationChanged(
                                event.id, alice, "alice", State.CONFIRMED, State.CANCELLED, Kind.CANCELLED),
                        new RegistrationChanged(
                                event.id, bob, "bob", State.WAITLISTED, State.CONFIRMED, Kind.PROMOTED)),
                changes.of(event.id));
        // another connection already saw each change when its observer ran: it had been committed
        for (RecordedChanges.Heard heard : changes.heard(event.id)) {
            assertEquals(
                    heard.change().to().name(),
                    heard.committedState(),
                    heard.change().toString());
        }
    }

    @Test
    void aRolledBackUseCaseIsNeverHeard() {
        Event event = fixtures.publishedEvent();
        assertThrows(IllegalStateException.class, () -> failing.registerThenFail(event.slug, "alice"));
        assertEquals(
                List.of(Kind.CONFIRMED),
                changes.firedIn(event.id).stream()
                        .map(RegistrationChanged::kind)
                        .toList());
        assertEquals(List.of(), changes.of(event.id));
        assertEquals(List.of(), rows.of(event.id));

        registerId(event.slug, "alice"); // the same use case, committed, is heard
        assertEquals(
                List.of(Kind.CONFIRMED),
                changes.of(event.id).stream().map(RegistrationChanged::kind).toList());
    }

    /** Runs the registration use case inside a transaction that then fails. */
    @ApplicationScoped
    public static class FailingUseCase {

        @Inject
        Registrations registrations;

        @Transactional
        @jakarta.enterprise.context.control.ActivateRequestContext
        public void registerThenFail(String slug, String subject) {
            registrations.register(slug, subject, new Registrations.Profile(subject, null, null, null, null, null));
            throw new IllegalStateException("something later in the transaction failed");
        }
    }
}
