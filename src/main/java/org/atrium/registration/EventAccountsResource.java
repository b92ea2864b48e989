package org.atrium.registration;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.atrium.common.Sql;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.schedule.SessionRoles;
import org.atrium.security.Account;

/**
 * The accounts an event knows (its registrants, linked speakers and organisers) that have signed in, for its organisers
 * to pick from (a co-organiser, a speaker's account). Not a directory of everyone: only people already connected to
 * this event, and only for its organisers.
 */
@Path("/api/events/{slug}/accounts")
class EventAccountsResource {

    static final int MAX_RESULTS = 20;

    /** A person to pick; {@code subject} is what the organiser and speaker endpoints take. */
    record AccountView(String subject, String name, String email) {}

    @Inject
    Events events;

    @Inject
    SessionRoles roles;

    /** Up to 20 accounts whose name, user name or e-mail contains {@code q} (any case), by name. */
    @GET
    @Authenticated
    public List<AccountView> search(@PathParam("slug") String slug, @QueryParam("q") String q) {
        Event event = events.organised(slug);
        String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        String pattern = Sql.containing(text);
        // speakers through the programme's SessionRoles; organisers from the event (never empty: the caller is one)
        Set<String> speakersAndOrganisers = new HashSet<>(roles.speakerAccounts(event.id));
        speakersAndOrganisers.addAll(event.organisers);
        return Account.<Account>find(
                        "from Account a where (a.subject in (select r.subject from Registration r"
                                + " where r.event.id = ?1 and r.state <> ?3)"
                                + " or a.subject in ?4)"
                                + " and (lower(coalesce(a.name, '')) like ?2 escape '\\'"
                                + " or lower(coalesce(a.preferredUsername, '')) like ?2 escape '\\'"
                                + " or lower(coalesce(a.email, '')) like ?2 escape '\\')"
                                + " order by lower(coalesce(a.name, a.preferredUsername, a.email)), a.id",
                        event.id,
                        pattern,
                        Registration.State.CANCELLED,
                        speakersAndOrganisers)
                .page(0, MAX_RESULTS)
                .list()
                .stream()
                .map(a -> new AccountView(a.subject, a.displayName(), a.email))
                .toList();
    }
}
