package org.atrium.registration;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.atrium.security.CurrentUser;

/** "My registrations": the caller's registrations across events, newest event first, with session sign-ups. */
@Path("/api/me/registrations")
class MyRegistrationsResource {

    @Inject
    CurrentUser user;

    @Inject
    EntityManager em;

    @GET
    @Authenticated
    @Transactional
    public List<MyRegistrationView> list() {
        String me = user.requireSubject();
        List<Registration> registrations = Registration.<Registration>find(
                        "select r from Registration r join fetch r.event e where r.subject = ?1"
                                + " order by e.firstDay desc, e.slug",
                        me)
                .list();
        Map<Long, List<SessionSignup>> signups = SessionSignup.<SessionSignup>find(
                        "select s from SessionSignup s join fetch s.session where s.subject = ?1"
                                + " order by s.session.startsAt, s.id",
                        me)
                .stream()
                .collect(Collectors.groupingBy(s -> s.event.id));
        return registrations.stream()
                .map(r -> new MyRegistrationView(
                        r.event.slug,
                        r.event.title,
                        r.event.status,
                        RegistrationView.of(r, r.event.slug, Waitlists.position(em, r)),
                        signups.getOrDefault(r.event.id, List.of()).stream()
                                .map(s -> SessionSignupView.of(s, Waitlists.position(em, s)))
                                .toList()))
                .toList();
    }
}
