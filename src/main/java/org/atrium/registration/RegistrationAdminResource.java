package org.atrium.registration;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.common.Page;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Registration.State;
import org.atrium.security.CurrentUser;

/**
 * An event's registrations for its organisers: list, count, export, approve, reject, cancel. Registration data is
 * private: to anyone who is neither the event's organiser nor (for one registration) its owner, it does not exist
 * (404), also to organisers of other events.
 */
@Path("/api/events/{slug}/registrations")
class RegistrationAdminResource {

    @Inject
    Registrations registrations;

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    EntityManager em;

    /** Registrations in arrival order, optionally of one state. */
    @GET
    @Authenticated
    @Transactional
    public Page<RegistrationView> list(
            @PathParam("slug") String slug,
            @QueryParam("state") State state,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        Page.Request paging = Page.Request.of(page, size);
        Event event = organisedOr404(slug);
        var query = state == null
                ? Registration.<Registration>find("event.id = ?1 order by arrival, id", event.id)
                : Registration.<Registration>find("event.id = ?1 and state = ?2 order by arrival, id", event.id, state);
        List<Registration> items = query.page(paging.page(), paging.size()).list();
        Map<Long, Integer> positions = Waitlists.positions(em, event.id);
        return new Page<>(
                items.stream()
                        .map(r -> RegistrationView.of(r, slug, positions.get(r.id)))
                        .toList(),
                paging.page(),
                paging.size(),
                query.count());
    }

    @GET
    @Path("counts")
    @Authenticated
    @Transactional
    public CountsView counts(@PathParam("slug") String slug) {
        Event event = organisedOr404(slug);
        long[] n = new long[State.values().length];
        for (Object[] row : em.createQuery(
                        "select r.state, count(r) from Registration r where r.event.id = ?1 group by r.state",
                        Object[].class)
                .setParameter(1, event.id)
                .getResultList()) {
            n[((State) row[0]).ordinal()] = ((Number) row[1]).longValue();
        }
        RegistrationSettings settings = RegistrationSettings.<RegistrationSettings>find("event.id", event.id)
                .firstResult();
        return new CountsView(
                slug,
                settings == null ? null : settings.capacity,
                n[State.PENDING.ordinal()],
                n[State.CONFIRMED.ordinal()],
                n[State.WAITLISTED.ordinal()],
                n[State.CANCELLED.ordinal()],
                n[State.REJECTED.ordinal()],
                java.util.Arrays.stream(n).sum());
    }

    /** CSV of the registrations (all, or of one state), UTF-8 with a byte order mark unless {@code bom=false}. */
    @GET
    @Path("export")
    @Produces("text/csv")
    @Authenticated
    @Transactional
    public Response export(
            @PathParam("slug") String slug,
            @QueryParam("state") State state,
            @QueryParam("bom") @DefaultValue("true") boolean bom) {
        Event event = organisedOr404(slug);
        List<Registration> all = state == null
                ? Registration.<Registration>find("event.id = ?1 order by arrival, id", event.id)
                        .list()
                : Registration.<Registration>find("event.id = ?1 and state = ?2 order by arrival, id", event.id, state)
                        .list();
        String csv = RegistrationCsv.write(all, Waitlists.positions(em, event.id), event.zone(), bom);
        return Response.ok(csv.getBytes(StandardCharsets.UTF_8))
                .type("text/csv; charset=UTF-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"" + slug + "-registrations.csv\"")
                .build();
    }

    /** One registration, for its owner or the event's organisers. */
    @GET
    @Path("{id}")
    @Authenticated
    @Transactional
    public RegistrationView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        Registration r = Registration.<Registration>find("id = ?1 and event.id = ?2", id, event.id)
                .firstResult();
        if (r == null || !(events.callerOrganises(event) || r.subject.equals(user.requireSubject()))) {
            throw DomainException.notFound("registration");
        }
        return RegistrationView.of(r, slug, Waitlists.position(em, r));
    }

    @POST
    @Path("{id}/approve")
    @Authenticated
    public RegistrationView approve(@PathParam("slug") String slug, @PathParam("id") long id) {
        return view(registrations.approve(organisedOr404(slug), id), slug);
    }

    @POST
    @Path("{id}/reject")
    @Authenticated
    public RegistrationView reject(@PathParam("slug") String slug, @PathParam("id") long id) {
        return view(registrations.reject(organisedOr404(slug), id), slug);
    }

    @POST
    @Path("{id}/cancel")
    @Authenticated
    public RegistrationView cancel(@PathParam("slug") String slug, @PathParam("id") long id) {
        return view(registrations.cancelFor(organisedOr404(slug), id), slug);
    }

    /** The sign-ups of one session of the event, in arrival order. */
    @GET
    @Path("sessions/{sessionId}")
    @Authenticated
    @Transactional
    public List<SessionSignupView> sessionSignups(
            @PathParam("slug") String slug,
            @PathParam("sessionId") long sessionId,
            @QueryParam("state") SessionSignup.State state) {
        Event event = organisedOr404(slug);
        if (org.atrium.schedule.ConferenceSession.count("id = ?1 and event.id = ?2", sessionId, event.id) == 0) {
            throw DomainException.notFound("session");
        }
        var query = state == null
                ? SessionSignup.<SessionSignup>find("session.id = ?1 order by arrival, id", sessionId)
                : SessionSignup.<SessionSignup>find(
                        "session.id = ?1 and state = ?2 order by arrival, id", sessionId, state);
        Map<Long, Integer> positions = Waitlists.sessionPositions(em, sessionId);
        return query.stream()
                .map(s -> SessionSignupView.of(s, positions.get(s.id)))
                .toList();
    }

    @Transactional
    RegistrationView view(Registration r, String slug) {
        return RegistrationView.of(r, slug, Waitlists.position(em, r));
    }

    private Event organisedOr404(String slug) {
        Event event = events.visible(slug);
        if (!events.callerOrganises(event)) {
            throw DomainException.notFound("registration");
        }
        return event;
    }
}
