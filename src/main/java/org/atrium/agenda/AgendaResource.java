package org.atrium.agenda;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Participation;
import org.atrium.security.CurrentUser;
import org.atrium.timezone.ViewerZone;

/** Starring sessions into a personal agenda, and reading that agenda on the viewer's clock. */
@Path("/api/events/{slug}")
@Produces(MediaType.APPLICATION_JSON)
class AgendaResource {

    @Inject
    Events events;

    @Inject
    Stars stars;

    @Inject
    Slots slots;

    @Inject
    Viewers viewers;

    @Inject
    Participation participation;

    @Inject
    CurrentUser user;

    @PUT
    @Path("sessions/{id}/star")
    @Authenticated
    public void star(@PathParam("slug") String slug, @PathParam("id") long id) {
        stars.star(events.visible(slug), id, user.requireSubject());
    }

    @DELETE
    @Path("sessions/{id}/star")
    @Authenticated
    public void unstar(@PathParam("slug") String slug, @PathParam("id") long id) {
        stars.unstar(events.visible(slug), id, user.requireSubject());
    }

    /** My starred and signed-up sessions of this event, grouped by my local date. */
    @GET
    @Path("agenda")
    @Authenticated
    public AgendaView agenda(@PathParam("slug") String slug, @QueryParam("tz") String tz) {
        Event event = events.visible(slug);
        String subject = user.requireSubject();
        ViewerZone viewer = viewers.zone(event, tz);
        Set<Long> starred = new HashSet<>(stars.of(subject, event.id));
        Set<Long> signedUp = new HashSet<>(participation.signedUpSessions(subject, event.id));
        Set<Long> ids = new HashSet<>(starred);
        ids.addAll(signedUp);
        List<Slot> mine = slots.ofEvent(event, ids);
        ViewerProgrammeView programme = ViewerProgrammeView.of(event, viewer, mine);
        return new AgendaView(
                programme.event(),
                programme.viewerZone(),
                programme.eventZone(),
                mine.stream().map(Slot::id).filter(starred::contains).toList(),
                mine.stream().map(Slot::id).filter(signedUp::contains).toList(),
                programme.days());
    }
}
