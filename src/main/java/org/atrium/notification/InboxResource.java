package org.atrium.notification;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.util.List;
import org.atrium.security.CurrentUser;

/** The signed-in account's in-app notices (the notification list of the UI). */
@Path("/api/me/notifications")
public class InboxResource {

    /** The list shows this many at most. */
    static final int LIMIT = 50;

    @Inject
    CurrentUser user;

    @Inject
    Inbox inbox;

    @Inject
    Clock clock;

    public record InboxView(long unread, List<Inbox.NoticeView> notices) {}

    public record ReadView(int marked) {}

    @GET
    @Authenticated
    @Transactional
    public InboxView list() {
        String subject = user.requireSubject();
        return new InboxView(inbox.unread(subject), inbox.latest(subject, LIMIT));
    }

    /** Marks every notice up to {@code upTo} (the newest the reader saw) read. */
    @POST
    @Path("/read")
    @Authenticated
    @Transactional
    public ReadView read(@QueryParam("upTo") @Min(1) long upTo) {
        return new ReadView(inbox.markRead(user.requireSubject(), upTo, clock.instant()));
    }
}
