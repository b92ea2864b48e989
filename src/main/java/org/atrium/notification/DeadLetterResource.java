package org.atrium.notification;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import java.util.List;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;

/** Undelivered messages of an event, for its organisers: the dead-letter list, and a way to try one again. */
@Path("/api/events/{slug}/notifications")
public class DeadLetterResource {

    @Inject
    Events events;

    @Inject
    Clock clock;

    @GET
    @Path("undelivered")
    @Authenticated
    @Transactional
    public List<DeadLetterView> undelivered(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        return OutboxMessage.<OutboxMessage>list(
                        "eventId = ?1 and state in ?2 order by id desc",
                        event.id,
                        List.of(OutboxMessage.State.DEAD, OutboxMessage.State.BOUNCED))
                .stream()
                .limit(1000)
                .map(DeadLetterView::of)
                .toList();
    }

    /** Puts a dead or bounced message back in the outbox, due now, with a fresh count of attempts. */
    @POST
    @Path("undelivered/{id}/retry")
    @Authenticated
    @Transactional
    public DeadLetterView retry(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organised(slug);
        OutboxMessage m = OutboxMessage.find("id = ?1 and eventId = ?2", id, event.id)
                .<OutboxMessage>firstResultOptional()
                .filter(x -> x.state == OutboxMessage.State.DEAD || x.state == OutboxMessage.State.BOUNCED)
                .orElseThrow(() -> DomainException.notFound("undelivered message"));
        m.state = OutboxMessage.State.PENDING;
        m.attempts = 0;
        m.dueAt = clock.instant();
        return DeadLetterView.of(m);
    }
}
