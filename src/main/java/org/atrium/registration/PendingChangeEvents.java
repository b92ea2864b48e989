package org.atrium.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the domain events of the current transaction and fires them at the end of the use case, still inside
 * the transaction, so that {@code AFTER_SUCCESS} observers hear them after commit and in the order the changes
 * happened. Narayana runs the after-completion callbacks that CDI registers per fired event last-registered first,
 * so the events are fired in reverse ({@code RegistrationEventsTest} pins the order observers see: a cancellation
 * before the promotion it caused).
 */
@ApplicationScoped
class PendingChangeEvents {

    /** The events of one transaction, in the order the changes happened. */
    @TransactionScoped
    static class Pending implements Serializable {
        final List<Object> events = new ArrayList<>();
    }

    @Inject
    Pending pending;

    @Inject
    Event<Object> bus;

    void add(Object event) {
        pending.events.add(event);
    }

    /** Fires what was collected (call as the last step of a {@code @Transactional} use case). */
    void publish() {
        List<Object> events = List.copyOf(pending.events);
        pending.events.clear();
        for (int i = events.size() - 1; i >= 0; i--) {
            bus.fire(events.get(i));
        }
    }
}
