package org.atrium.exhibition;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.atrium.common.DomainException;
import org.atrium.common.PublicBaseUrl;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Participation;
import org.atrium.schedule.ConferenceSession;
import org.atrium.security.CurrentUser;
import org.atrium.security.People;
import org.atrium.security.Person;
import org.atrium.timezone.LocalTimes;
import org.atrium.timezone.ViewerZone;
import org.atrium.timezone.ZoneView;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An event's exhibition: its galleries (curators and organisers manage them), their works (curators manage them;
 * a work's linked artists edit it), and its curators (organisers name them). Visitors read it with hours on their
 * own clock ({@code ?tz=}, else their registered zone, else the event's).
 */
@Path("/api/events/{slug}")
@Produces(MediaType.APPLICATION_JSON)
class ExhibitionResource {

    @Inject
    Exhibitions exhibitions;

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    Participation participation;

    @Inject
    MediaUploads uploads;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<GuestbooksModerated> guestbooks;

    @Inject
    PublicBaseUrl baseUrl;

    @Inject
    People people;

    /** The galleries the caller may know of, in order, with whether each is open now. */
    @GET
    @Path("exhibition")
    @PermitAll
    @Transactional
    public ExhibitionView exhibition(@PathParam("slug") String slug, @QueryParam("tz") String tz) {
        Event event = exhibitions.seen(slug);
        boolean curates = exhibitions.curates(event);
        ViewerZone viewer = viewer(event, tz);
        Instant now = Instant.now(clock);
        Map<Long, Long> counts = workCounts(event);
        List<GalleryView> galleries = new ArrayList<>();
        // the opening session with each gallery (its view names it): one statement, not one more per gallery
        for (Gallery g : Gallery.<Gallery>list(
                "from Gallery g left join fetch g.openingSession where g.event.id = ?1 order by g.position, g.id",
                event.id)) {
            Exhibitions.Access access = exhibitions.access(g, curates);
            if (access != Exhibitions.Access.NONE) {
                galleries.add(GalleryView.of(g, access, counts.getOrDefault(g.id, 0L), curates, now, viewer.zone()));
            }
        }
        return new ExhibitionView(
                event.slug,
                event.title,
                event.timeZone,
                ZoneView.of(viewer, event.opensAt(), event.closesAt()),
                now,
                curates,
                galleries);
    }

    /**
     * The exhibition for other sites: the published galleries of a published event with their works, hours on the
     * event's clock and absolute media URLs; no drafts and nothing for registered participants only. Any origin may
     * read it ({@code Access-Control-Allow-Origin: *}).
     */
    @GET
    @Path("exhibition.json")
    @PermitAll
    @Transactional
    public Response publicExhibition(@PathParam("slug") String slug, @Context UriInfo uri) {
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        if (event.status == Event.Status.DRAFT) {
            throw DomainException.notFound("event");
        }
        String base = baseUrl.of(uri);
        Instant now = Instant.now(clock);
        List<PublicExhibitionView.GalleryEntry> galleries = new ArrayList<>();
        for (Gallery g : Gallery.<Gallery>list(
                "from Gallery g left join fetch g.openingSession where g.event.id = ?1 and g.visibility = ?2"
                        + " order by g.position, g.id",
                event.id,
                Gallery.Visibility.PUBLISHED)) {
            List<Work> works = works(g.id);
            Map<Long, List<Media>> media = media(works);
            galleries.add(new PublicExhibitionView.GalleryEntry(
                    GalleryView.of(g, Exhibitions.Access.FULL, works.size(), false, now, event.zone()),
                    base + "/events/" + event.slug + "/galleries/" + g.id,
                    works.stream()
                            .map(w -> WorkView.of(w, media.getOrDefault(w.id, List.of()), event.slug, false, false)
                                    .under(base))
                            .toList()));
        }
        return Response.ok(new PublicExhibitionView(
                        event.slug, event.title, event.timeZone, base + "/events/" + event.slug, now, galleries))
                .header("Access-Control-Allow-Origin", "*")
                .header(jakarta.ws.rs.core.HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                .build();
    }

    /** One gallery with its works: 404 for a draft to visitors, 403 {@code gallery.registered-only} when it is so. */
    @GET
    @Path("galleries/{id}")
    @PermitAll
    @Transactional
    public GalleryPageView gallery(
            @PathParam("slug") String slug, @PathParam("id") long id, @QueryParam("tz") String tz) {
        Event event = exhibitions.seen(slug);
        boolean curates = exhibitions.curates(event);
        Gallery gallery = events.inEvent(Gallery.class, "gallery", event, id);
        exhibitions.requireEntry(gallery, curates);
        ViewerZone viewer = viewer(event, tz);
        List<Work> works = works(gallery.id);
        Map<Long, List<Media>> media = media(works);
        List<WorkView> views = works.stream()
                .map(w -> WorkView.of(
                        w, media.getOrDefault(w.id, List.of()), event.slug, exhibitions.mayEdit(w, curates), curates))
                .toList();
        return new GalleryPageView(
                event.slug,
                event.title,
                event.timeZone,
                ZoneView.of(viewer, event.opensAt(), event.closesAt()),
                GalleryView.of(
                        gallery, Exhibitions.Access.FULL, works.size(), curates, Instant.now(clock), viewer.zone()),
                views);
    }

    @POST
    @Path("galleries")
    @Authenticated
    @Transactional
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = GalleryView.class)))
    public Response createGallery(@PathParam("slug") String slug, @Valid @NotNull GalleryForm form) {
        Event event = exhibitions.curated(slug);
        events.lock(event);
        if (Gallery.count("event.id", event.id) >= 50) {
            throw new DomainException(409, "exhibition.too-many-galleries", "An event may have at most 50 galleries.");
        }
        Gallery g = new Gallery();
        g.event = event;
        apply(g, form, event);
        g.persistAndFlush();
        return Response.created(URI.create("/api/events/" + slug + "/galleries/" + g.id))
                .entity(GalleryView.of(g, Exhibitions.Access.FULL, 0, true, Instant.now(clock), event.zone()))
                .build();
    }

    @PUT
    @Path("galleries/{id}")
    @Authenticated
    @Transactional
    public GalleryView updateGallery(
            @PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull GalleryForm form) {
        Event event = exhibitions.curated(slug);
        Gallery g = events.inEvent(Gallery.class, "gallery", event, id);
        boolean premoderation = g.premoderation;
        apply(g, form, event);
        g.persistAndFlush();
        if (g.premoderation != premoderation) {
            guestbooks.fire(new GuestbooksModerated(
                    event.id,
                    Work.<Work>list("gallery.id", g.id).stream().map(w -> w.id).toList(),
                    g.premoderation));
        }
        return GalleryView.of(
                g, Exhibitions.Access.FULL, Work.count("gallery.id", g.id), true, Instant.now(clock), event.zone());
    }

    /** Deletes the gallery with its works and their files. */
    @DELETE
    @Path("galleries/{id}")
    @Authenticated
    @Transactional
    public Response deleteGallery(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = exhibitions.curated(slug);
        Gallery g = events.inEvent(Gallery.class, "gallery", event, id);
        for (Work w : Work.<Work>list("gallery.id", g.id)) {
            uploads.discardAll(w);
            w.delete();
        }
        g.delete();
        return Response.noContent().build();
    }

    @GET
    @Path("works/{id}")
    @PermitAll
    @Transactional
    public WorkView work(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = exhibitions.seen(slug);
        boolean curates = exhibitions.curates(event);
        Work work = events.inEvent(Work.class, "work", event, id);
        if (!exhibitions.mayEdit(work, curates)) {
            exhibitions.requireEntry(work.gallery, false);
        }
        return view(event, work, curates);
    }

    @POST
    @Path("works")
    @Authenticated
    @Transactional
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkView.class)))
    public Response createWork(@PathParam("slug") String slug, @Valid @NotNull WorkForm form) {
        Event event = exhibitions.curated(slug);
        events.lock(event);
        if (Work.count("event.id", event.id) >= 1000) {
            throw new DomainException(409, "exhibition.too-many-works", "An event may have at most 1000 works.");
        }
        Work w = new Work();
        w.event = event;
        w.gallery = events.inEvent(Gallery.class, "gallery", event, form.galleryId());
        w.position = form.position() == null ? 0 : form.position();
        w.artists = artists(form);
        applyOwnFields(w, form);
        w.persistAndFlush();
        return Response.created(URI.create("/api/events/" + slug + "/works/" + w.id))
                .entity(view(event, w, true))
                .build();
    }

    /** Curators change anything; the work's artists change all but its gallery, position and artists. */
    @PUT
    @Path("works/{id}")
    @Authenticated
    @Transactional
    public WorkView updateWork(
            @PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull WorkForm form) {
        Event event = exhibitions.seen(slug);
        Work w = exhibitions.editableWork(event, id);
        boolean curates = exhibitions.curates(event);
        if (curates) {
            w.gallery = events.inEvent(Gallery.class, "gallery", event, form.galleryId());
            w.position = form.position() == null ? w.position : form.position();
            w.artists.clear();
            w.artists.addAll(artists(form));
        } else if (!form.galleryId().equals(w.gallery.id)
                || form.position() != null && form.position() != w.position
                || form.artists() != null && !sameArtists(w, form)) {
            throw new DomainException(
                    403,
                    "work.curators-only",
                    "A work's gallery, position and artists are changed by the event's curators.");
        }
        applyOwnFields(w, form);
        w.persistAndFlush();
        return view(event, w, curates);
    }

    @DELETE
    @Path("works/{id}")
    @Authenticated
    @Transactional
    public Response deleteWork(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = exhibitions.curated(slug);
        Work w = events.inEvent(Work.class, "work", event, id);
        uploads.discardAll(w);
        w.delete();
        return Response.noContent().build();
    }

    /** The event's curators (subjects); organisers and curators may read it. */
    @GET
    @Path("curators")
    @Authenticated
    @Transactional
    public List<String> curators(@PathParam("slug") String slug) {
        Event event = exhibitions.curated(slug);
        return exhibitions.curators(event.id);
    }

    /**
     * The event's curators as people (subject, name, e-mail; name null until the account has signed in), for the
     * editor. Organisers and curators may read it.
     */
    @GET
    @Path("curator-accounts")
    @Authenticated
    @Transactional
    public List<Person> curatorAccounts(@PathParam("slug") String slug) {
        Event event = exhibitions.curated(slug);
        return List.copyOf(people.of(exhibitions.curators(event.id)).values());
    }

    /** Names an account a curator of the event (organisers only). */
    @PUT
    @Path("curators/{subject}")
    @Authenticated
    @Transactional
    public List<String> addCurator(@PathParam("slug") String slug, @PathParam("subject") String subject) {
        Event event = events.organised(slug);
        if (subject.isBlank() || subject.length() > 255) {
            throw DomainException.invalid("curator.invalid", "A curator is an account's subject (1-255 characters).");
        }
        exhibitions.addCurator(event.id, subject);
        return exhibitions.curators(event.id);
    }

    @DELETE
    @Path("curators/{subject}")
    @Authenticated
    @Transactional
    public List<String> removeCurator(@PathParam("slug") String slug, @PathParam("subject") String subject) {
        Event event = events.organised(slug);
        exhibitions.removeCurator(event.id, subject);
        return exhibitions.curators(event.id);
    }

    private ViewerZone viewer(Event event, String tz) {
        return ViewerZone.resolve(
                tz, participation.preferredZone(event.id, user.subject().orElse(null)), event.zone());
    }

    private Map<Long, Long> workCounts(Event event) {
        Map<Long, Long> counts = new HashMap<>();
        em.createQuery(
                        "select w.gallery.id, count(w) from Work w where w.event.id = ?1 group by w.gallery.id",
                        Object[].class)
                .setParameter(1, event.id)
                .getResultList()
                .forEach(r -> counts.put((Long) r[0], (Long) r[1]));
        return counts;
    }

    /**
     * A gallery's works in order, their artists in the same read: a page costs the same statements for 3 works as for
     * 40 (as does {@link #media}).
     */
    static List<Work> works(long galleryId) {
        return Work.list(
                "select distinct w from Work w left join fetch w.artists where w.gallery.id = ?1"
                        + " order by w.position, w.id",
                galleryId);
    }

    static Map<Long, List<Media>> media(List<Work> works) {
        Map<Long, List<Media>> byWork = new HashMap<>();
        if (works.isEmpty()) {
            return byWork;
        }
        List<Long> ids = works.stream().map(w -> w.id).toList();
        for (Media m : Media.<Media>list(
                "select distinct m from Media m left join fetch m.variants where m.work.id in ?1"
                        + " order by m.position, m.id",
                ids)) {
            byWork.computeIfAbsent(m.work.id, k -> new ArrayList<>()).add(m);
        }
        return byWork;
    }

    private WorkView view(Event event, Work work, boolean curates) {
        List<Media> media = Media.list("work.id = ?1 order by position, id", work.id);
        return WorkView.of(work, media, event.slug, exhibitions.mayEdit(work, curates), curates);
    }

    private void apply(Gallery g, GalleryForm form, Event event) {
        ZoneId zone = event.zone();
        g.name = form.name().strip();
        g.openingSession = form.openingSessionId() == null
                ? null
                : events.inEvent(ConferenceSession.class, "session", event, form.openingSessionId());
        g.statement = blankToNull(form.statement());
        g.position = form.position() == null ? g.position : form.position();
        g.visibility = form.visibility() == null ? Gallery.Visibility.DRAFT : form.visibility();
        g.premoderation = form.premoderation() != null && form.premoderation();
        List<Gallery.Hours> hours = new ArrayList<>();
        if (form.hours() != null) {
            for (GalleryForm.HoursForm h : form.hours()) {
                Instant opens = LocalTimes.parse("opens", h.opens(), zone);
                Instant closes = LocalTimes.parse("closes", h.closes(), zone);
                if (!closes.isAfter(opens)) {
                    throw new DomainException(
                            400,
                            "gallery.hours-reversed",
                            "An opening must close after it opens.",
                            Map.of("opens", h.opens(), "closes", h.closes()));
                }
                hours.add(new Gallery.Hours(opens, closes));
            }
        }
        hours.sort(java.util.Comparator.comparing(h -> h.opensAt));
        g.hours.clear();
        g.hours.addAll(hours);
    }

    private static List<Work.Artist> artists(WorkForm form) {
        List<Work.Artist> artists = new ArrayList<>();
        if (form.artists() != null) {
            for (WorkForm.ArtistForm a : form.artists()) {
                artists.add(new Work.Artist(a.name().strip(), blankToNull(a.accountSubject())));
            }
        }
        return artists;
    }

    private static boolean sameArtists(Work w, WorkForm form) {
        List<Work.Artist> given = artists(form);
        if (given.size() != w.artists.size()) {
            return false;
        }
        for (int i = 0; i < given.size(); i++) {
            if (!given.get(i).name.equals(w.artists.get(i).name)
                    || !Objects.equals(given.get(i).accountSubject, w.artists.get(i).accountSubject)) {
                return false;
            }
        }
        return true;
    }

    private static void applyOwnFields(Work w, WorkForm form) {
        w.title = form.title().strip();
        w.year = form.year();
        w.medium = blankToNull(form.medium());
        w.dimensions = blankToNull(form.dimensions());
        w.description = blankToNull(form.description());
        w.credits = blankToNull(form.credits());
        w.contentWarning = blankToNull(form.contentWarning());
        String stream = blankToNull(form.streamUrl());
        if (stream != null && !(stream.startsWith("https://") || stream.startsWith("http://"))) {
            throw DomainException.invalid("work.stream-url", "A stream URL starts with https:// or http://.");
        }
        w.streamUrl = stream;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
