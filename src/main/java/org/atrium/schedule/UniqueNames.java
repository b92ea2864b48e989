package org.atrium.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.event.Event;

/** The rule that tracks and venues have names unique within their event, ignoring case. */
@ApplicationScoped
class UniqueNames {

    @Inject
    EntityManager em;

    /** 409 {@code <what>.name-taken} when another row of {@code type} in the event has this name. */
    void checkFree(Class<?> type, String what, Event event, String name, Long selfId) {
        long taken = em.createQuery(
                        "select count(x) from " + type.getSimpleName()
                                + " x where x.event.id = :event and lower(x.name) = lower(:name) and x.id <> :self",
                        Long.class)
                .setParameter("event", event.id)
                .setParameter("name", name)
                .setParameter("self", selfId == null ? -1L : selfId)
                .getSingleResult();
        if (taken > 0) {
            throw new DomainException(
                    409,
                    what + ".name-taken",
                    "This event already has a " + what + " named '" + name + "'.",
                    Map.of("field", "name"));
        }
    }
}
