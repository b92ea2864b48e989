package org.atrium.speaker;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Page;
import org.atrium.common.Sql;
import org.atrium.common.StoredImage;
import org.atrium.common.Versions;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.security.CurrentUser;
import org.atrium.security.People;
import org.atrium.security.Person;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An event's speakers. Organisers manage every profile; a speaker linked to the caller's account edits their own
 * (not the link). A signed-in account whose token email matches a profile's {@code accountEmail} claims it.
 */
@Path("/api/events/{slug}/speakers")
class SpeakerResource {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Inject
    Events events;

    @Inject
    Bounds bounds;

    @Inject
    CurrentUser user;

    @Inject
    People people;

    @Inject
    EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<SpeakerRemoved> removed;

    /** Speakers by name; {@code q} keeps those whose name contains it (any case). */
    @GET
    @PermitAll
    public Page<SpeakerView> list(
            @PathParam("slug") String slug,
            @QueryParam("q") String q,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        Page.Request paging = Page.Request.of(page, size);
        Event event = events.visible(slug);
        boolean organiser = events.callerOrganises(event);
        String me = user.subject().orElse(null);
        String pattern =
                q == null || q.isBlank() ? "%" : Sql.containing(q.trim().toLowerCase(Locale.ROOT));
        var query = Speaker.<Speaker>find(
                "select s.id from Speaker s where s.event.id = ?1 and lower(s.name) like ?2 escape '\\'"
                        + " order by s.name, s.id",
                event.id,
                pattern);
        long total = Speaker.count("event.id = ?1 and lower(name) like ?2 escape '\\'", event.id, pattern);
        List<Long> ids =
                query.page(paging.page(), paging.size()).project(Long.class).list();
        List<Speaker> speakers = ids.isEmpty()
                ? List.of()
                : em.createQuery(
                                "select distinct s from Speaker s left join fetch s.links where s.id in :ids"
                                        + " order by s.name, s.id",
                                Speaker.class)
                        .setParameter("ids", ids)
                        .getResultList();
        Map<String, Person> names = organiser
                ? people.of(speakers.stream()
                        .map(s -> s.accountSubject)
                        .filter(Objects::nonNull)
                        .toList())
                : Map.of();
        var items = speakers.stream()
                .map(s -> SpeakerView.of(s, organiser, me, names))
                .toList();
        return new Page<>(items, paging.page(), paging.size(), total);
    }

    @GET
    @Path("{id}")
    @PermitAll
    public SpeakerView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        String me = user.subject().orElse(null);
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        Speaker speaker = findSeen(event, slug, id, s -> s.isAccount(me));
        return view(speaker, events.callerOrganises(event), me);
    }

    @POST
    @Authenticated
    @Transactional
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SpeakerView.class)))
    public Response create(@PathParam("slug") String slug, @Valid @NotNull SpeakerForm form) {
        Event event = events.organisedForChange(slug);
        Bounds.checkCount(
                "event.too-many-speakers", "speakers", Speaker.count("event.id", event.id), bounds.speakersPerEvent());
        Speaker speaker = new Speaker();
        speaker.event = event;
        apply(speaker, form, true);
        speaker.persistAndFlush();
        return Response.status(201)
                .header("Location", "/api/events/" + event.slug + "/speakers/" + speaker.id)
                .entity(view(speaker, true, user.requireSubject()))
                .build();
    }

    /** Organisers edit any profile; the linked speaker edits their own (404/403 for everyone else). */
    @PUT
    @Path("{id}")
    @Authenticated
    @Transactional
    public SpeakerView update(
            @PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull SpeakerForm form) {
        String me = user.requireSubject();
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        boolean organiser = events.callerOrganises(event);
        Speaker speaker = findSeen(event, slug, id, s -> s.isAccount(me));
        if (!organiser && !speaker.isAccount(me)) {
            events.organised(slug); // 403: they see the event but this is not their profile
        }
        events.lock(event);
        Versions.check("speaker", speaker.version, form.version());
        if (!organiser) {
            boolean subjectChanged =
                    form.accountSubject() != null && !form.accountSubject().equals(speaker.accountSubject);
            boolean emailChanged = form.accountEmail() != null
                    && !form.accountEmail().equalsIgnoreCase(Objects.toString(speaker.accountEmail, ""));
            if (subjectChanged || emailChanged) {
                throw DomainException.forbidden("Only the event's organisers change which account a speaker is.");
            }
        }
        apply(speaker, form, organiser);
        speaker.persistAndFlush();
        return view(speaker, organiser, me);
    }

    /** Removes the speaker from the event and from every session's line-up. */
    @DELETE
    @Path("{id}")
    @Authenticated
    @Transactional
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.organisedForChange(slug);
        Speaker speaker = find(event, id);
        removed.fire(new SpeakerRemoved(event.id, speaker.id));
        Long photo = speaker.photoImageId;
        speaker.delete();
        Speaker.flush();
        StoredImage.discard(photo);
        return Response.noContent().build();
    }

    /**
     * Links the profile to the caller's account when the token's email matches the profile's {@code accountEmail}
     * (and the provider has not marked it unverified). Claiming one's own profile again is a no-op.
     */
    @POST
    @Path("{id}/claim")
    @Authenticated
    @Transactional
    public SpeakerView claim(@PathParam("slug") String slug, @PathParam("id") long id) {
        String me = user.requireSubject();
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        Speaker speaker = findSeen(event, slug, id, s -> s.isAccount(me) || emailMatches(s));
        boolean organiser = events.callerOrganises(event);
        if (speaker.isAccount(me)) {
            return view(speaker, organiser, me);
        }
        if (!emailMatches(speaker)) {
            throw new DomainException(
                    403,
                    "speaker.email-mismatch",
                    "This profile is kept for another email address; ask the organisers to link it to your account.");
        }
        events.lock(event);
        if (speaker.accountSubject != null) {
            throw DomainException.conflict("speaker.already-linked", "This profile is linked to another account.");
        }
        if (Speaker.count("event.id = ?1 and accountSubject = ?2", event.id, me) > 0) {
            throw DomainException.conflict(
                    "speaker.account-taken", "Your account is already linked to another speaker of this event.");
        }
        speaker.accountSubject = me;
        speaker.persistAndFlush();
        return view(speaker, organiser, me);
    }

    private boolean emailMatches(Speaker speaker) {
        if (speaker.accountEmail == null) {
            return false;
        }
        boolean unverified = user.token()
                .map(t -> t.getClaim("email_verified"))
                .map(v -> "false".equals(v.toString()))
                .orElse(false);
        return !unverified
                && user.email()
                        .map(e -> e.equalsIgnoreCase(speaker.accountEmail))
                        .orElse(false);
    }

    private SpeakerView view(Speaker speaker, boolean organiser, String caller) {
        boolean private_ = organiser || speaker.isAccount(caller);
        return SpeakerView.of(
                speaker,
                organiser,
                caller,
                private_ && speaker.accountSubject != null ? people.of(List.of(speaker.accountSubject)) : Map.of());
    }

    private static void apply(Speaker speaker, SpeakerForm form, boolean organiser) {
        speaker.name = form.name().trim();
        speaker.bio = form.bio();
        speaker.affiliation = form.affiliation();
        speaker.country = country(form.country());
        speaker.photoUrl = form.photoUrl();
        speaker.links.clear();
        if (form.links() != null) {
            form.links().forEach(l -> speaker.links.add(new Speaker.Link(l.label(), l.url())));
        }
        if (organiser) {
            String subject = blankToNull(form.accountSubject());
            if (subject == null) {
                speaker.accountSubject = null;
            } else {
                speaker.linkAccount(subject);
            }
            String email = blankToNull(form.accountEmail());
            speaker.accountEmail = email == null ? null : email.toLowerCase(Locale.ROOT);
        }
    }

    private static String country(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            throw new DomainException(
                    400,
                    "country.unknown",
                    "'" + code + "' is not an ISO 3166-1 alpha-2 country code.",
                    Map.of("field", "country"));
        }
        return upper;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * The speaker, if the caller may see the event or {@code mayAnyway} holds for the profile (the linked speaker of a
     * draft event); otherwise the same 404 as for an event that does not exist.
     */
    private Speaker findSeen(Event event, String slug, long id, java.util.function.Predicate<Speaker> mayAnyway) {
        var speaker = events.ofEvent(Speaker.class, event, id);
        if (speaker.isEmpty() || !mayAnyway.test(speaker.get())) {
            events.visible(slug);
        }
        return speaker.orElseThrow(() -> DomainException.notFound("speaker"));
    }

    private Speaker find(Event event, long id) {
        return events.inEvent(Speaker.class, "speaker", event, id);
    }
}
