package org.atrium.invitation;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.PublicBaseUrl;
import org.atrium.common.SecretTokens;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.security.CurrentUser;
import org.atrium.security.People;
import org.atrium.security.Person;
import org.atrium.speaker.Speaker;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invitations by e-mail. An organiser invites a co-organiser or a speaker and gets a link back; whoever signs in and
 * accepts it is bound (co-organiser, or the speaker profile's account). Nobody ever types an account subject.
 */
@Path("/api/events/{slug}/invitations")
class InvitationResource {

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    People people;

    @Inject
    Bounds bounds;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<InvitationCreated> created;

    /** How long a link stays valid. */
    @ConfigProperty(name = "atrium.invitations.validity", defaultValue = "P14D")
    Duration validity;

    @Inject
    PublicBaseUrl publicBase;

    @Context
    UriInfo uri;

    /** Creates an invitation; the answer's {@code link} is the only copy of its token. */
    @POST
    @Authenticated
    @Transactional
    public Response create(@PathParam("slug") String slug, @Valid @NotNull InvitationForm form) {
        Event event = events.organisedForChange(slug);
        Bounds.checkCount(
                "event.too-many-invitations",
                "open invitations",
                Invitation.count(
                        "event.id = ?1 and acceptedAt is null and revokedAt is null and expiresAt > ?2",
                        event.id,
                        Instant.now(clock)),
                bounds.invitationsPerEvent());
        Speaker speaker = null;
        if (form.kind() == Invitation.Kind.SPEAKER) {
            if (form.speakerId() == null) {
                throw new DomainException(
                        400,
                        "invitation.speaker-required",
                        "Say which speaker the invitation is for.",
                        Map.of("field", "speakerId"));
            }
            speaker = events.inEvent(Speaker.class, "speaker", event, form.speakerId());
        } else if (form.speakerId() != null) {
            throw new DomainException(
                    400,
                    "invitation.speaker-unexpected",
                    "An organiser invitation is for no speaker.",
                    Map.of("field", "speakerId"));
        }
        Instant now = Instant.now(clock);
        String token = SecretTokens.fresh();
        Invitation invitation = new Invitation();
        invitation.event = event;
        invitation.kind = form.kind();
        invitation.speaker = speaker;
        invitation.email = form.email().trim().toLowerCase(Locale.ROOT);
        invitation.tokenHash = SecretTokens.hash(token);
        invitation.invitedBy = user.requireSubject();
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(validity);
        invitation.persistAndFlush();
        String link = base() + "/#/events/" + event.slug + "/invitations/" + token;
        InvitationView view = view(invitation, now, names(List.of(invitation)), link);
        created.fire(new InvitationCreated(
                invitation.id,
                event.id,
                event.slug,
                event.title,
                invitation.kind,
                invitation.email,
                view.speakerName(),
                view.invitedByName(),
                link));
        return Response.status(201)
                .header("Location", "/api/events/" + event.slug + "/invitations/" + invitation.id)
                .entity(view)
                .build();
    }

    /** The event's invitations, newest first (organisers only). */
    @GET
    @Authenticated
    public List<InvitationView> list(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        List<Invitation> invitations = Invitation.<Invitation>find(
                        "from Invitation i left join fetch i.speaker where i.event.id = ?1"
                                + " order by i.createdAt desc, i.id desc",
                        event.id)
                .list();
        Instant now = Instant.now(clock);
        Map<String, Person> names = names(invitations);
        return invitations.stream().map(i -> view(i, now, names, null)).toList();
    }

    /** Withdraws a pending invitation: its link stops working. */
    @POST
    @Path("{id}/revoke")
    @Authenticated
    @Transactional
    public InvitationView revoke(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        Invitation invitation = events.inEvent(Invitation.class, "invitation", event, id);
        Instant now = Instant.now(clock);
        invitation.revoke(now);
        return view(invitation, now, names(List.of(invitation)), null);
    }

    /** What the link is for, shown to its holder before they accept (also before they sign in). */
    @GET
    @Path("{token}")
    @PermitAll
    public InvitationPreview preview(@PathParam("slug") String slug, @PathParam("token") String token) {
        Invitation invitation = byToken(slug, token);
        Instant now = Instant.now(clock);
        Event event = invitation.event;
        return new InvitationPreview(
                event.slug,
                event.title,
                invitation.kind,
                invitation.speaker == null ? null : invitation.speaker.name,
                people.one(invitation.invitedBy).name(),
                invitation.state(now),
                invitation.expiresAt);
    }

    /**
     * Binds the caller: co-organiser of the event, or the account of the invited speaker (replacing an earlier link).
     * Single use: a second accept is 409 {@code invitation.used}; an expired or withdrawn link is 410.
     */
    @POST
    @Path("{token}/accept")
    @Authenticated
    @Transactional
    public AcceptedView accept(@PathParam("slug") String slug, @PathParam("token") String token) {
        String me = user.requireSubject();
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("invitation"));
        events.lock(event); // one accept at a time per event: single use, organiser bound, one profile per account
        Invitation invitation = byToken(slug, token);
        invitation.accept(me, Instant.now(clock));
        if (invitation.kind == Invitation.Kind.ORGANISER) {
            event.addOrganiser(me, bounds);
            event.persist();
        } else {
            invitation.speaker.linkAccount(me);
            invitation.speaker.persist();
        }
        invitation.persistAndFlush();
        return new AcceptedView(event.slug, invitation.kind, invitation.speaker == null ? null : invitation.speaker.id);
    }

    /** The invitation with this token in this event; the same 404 for an unknown token and another event's. */
    private Invitation byToken(String slug, String token) {
        if (token == null || token.length() > 100) {
            throw DomainException.notFound("invitation");
        }
        return Invitation.<Invitation>find(
                        "from Invitation i join fetch i.event e left join fetch i.speaker"
                                + " where i.tokenHash = ?1 and e.slug = ?2",
                        SecretTokens.hash(token),
                        slug)
                .firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("invitation"));
    }

    private Map<String, Person> names(List<Invitation> invitations) {
        Set<String> subjects = new HashSet<>();
        for (Invitation i : invitations) {
            subjects.add(i.invitedBy);
            if (i.acceptedBy != null) {
                subjects.add(i.acceptedBy);
            }
        }
        return people.of(subjects);
    }

    private static InvitationView view(Invitation i, Instant now, Map<String, Person> names, String link) {
        return new InvitationView(
                i.id,
                i.kind,
                i.email,
                i.speaker == null ? null : i.speaker.id,
                i.speaker == null ? null : i.speaker.name,
                i.state(now),
                i.createdAt,
                i.expiresAt,
                nameOf(names, i.invitedBy),
                i.acceptedBy == null ? null : nameOf(names, i.acceptedBy),
                i.acceptedAt,
                link);
    }

    private static String nameOf(Map<String, Person> names, String subject) {
        Person p = names.get(subject);
        return p == null ? null : p.name();
    }

    private String base() {
        return publicBase.of(uri);
    }
}
