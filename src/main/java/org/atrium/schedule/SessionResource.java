package org.atrium.schedule;

import io.quarkus.panache.common.Sort;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Page;
import org.atrium.common.Versions;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.speaker.Speaker;
import org.atrium.timezone.LocalTimes;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An event's sessions. Organisers create, move and cancel them; every change is checked against the programme's
 * rules ({@link Schedule}) while holding the event's row lock, so two organisers cannot both book one room at once.
 */
@Path("/api/events/{slug}/sessions")
class SessionResource {

    @Inject
    Events events;

    @Inject
    Bounds bounds;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    LineUps lineUps;

    @Inject
    jakarta.enterprise.event.Event<SessionChanged> changed;

    /** Sessions in start order, filtered by event-local {@code day}, {@code track}, {@code room} or {@code speaker}. */
    @GET
    @PermitAll
    public Page<SessionView> list(
            @PathParam("slug") String slug,
            @QueryParam("day") String day,
            @QueryParam("track") Long track,
            @QueryParam("room") Long venue,
            @QueryParam("speaker") Long speaker,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        Page.Request paging = Page.Request.of(page, size);
        Event event = events.visible(slug);
        ZoneId zone = event.zone();
        StringBuilder where = new StringBuilder("event.id = :event");
        Map<String, Object> params = new HashMap<>();
        params.put("event", event.id);
        if (day != null) {
            LocalDate date = parseDay(day);
            where.append(" and startsAt >= :from and startsAt < :to");
            params.put("from", date.atStartOfDay(zone).toInstant());
            params.put("to", date.plusDays(1).atStartOfDay(zone).toInstant());
        }
        if (track != null) {
            where.append(" and track.id = :track");
            params.put("track", track);
        }
        if (venue != null) {
            where.append(" and venue.id = :room");
            params.put("room", venue);
        }
        if (speaker != null) {
            where.append(" and id in (select ss.id.sessionId from SessionSpeaker ss where ss.id.speakerId = :speaker)");
            params.put("speaker", speaker);
        }
        var query = ConferenceSession.<ConferenceSession>find(
                where.toString(), Sort.by("startsAt").and("id"), params);
        List<ConferenceSession> sessions =
                query.page(paging.page(), paging.size()).list();
        var bySession = lineUps.ofSessions(sessions.stream().map(s -> s.id).toList());
        List<SessionView> items = sessions.stream()
                .map(s -> SessionView.of(s, zone, LineUps.of(bySession, s.id)))
                .toList();
        return new Page<>(items, paging.page(), paging.size(), query.count());
    }

    @GET
    @Path("{id}")
    @PermitAll
    public SessionView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        return view(find(event, id), event.zone());
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
                            schema = @Schema(implementation = SessionView.class)))
    public Response create(@PathParam("slug") String slug, @Valid @NotNull SessionForm form) {
        Event event = events.organisedForChange(slug);
        Bounds.checkCount(
                "event.too-many-sessions",
                "sessions",
                ConferenceSession.count("event.id", event.id),
                bounds.sessionsPerEvent());
        Plan plan = plan(event, null, false, form);
        ConferenceSession session = new ConferenceSession();
        session.event = event;
        session.createdAt = Instant.now(clock);
        apply(session, plan);
        session.persist();
        replaceLineUp(session, plan.speakers());
        fire(session, SessionChanged.Kind.CREATED);
        return Response.status(201)
                .header("Location", "/api/events/" + event.slug + "/sessions/" + session.id)
                .entity(view(session, event.zone()))
                .build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @Transactional
    public SessionView update(
            @PathParam("slug") String slug, @PathParam("id") long id, @Valid @NotNull SessionForm form) {
        Event event = events.organisedForChange(slug);
        ConferenceSession session = find(event, id);
        Versions.check("session", session.version, form.version());
        Plan plan = plan(event, session.id, session.cancelled, form);
        boolean wasCancelled = session.cancelled;
        apply(session, plan);
        em.createQuery("delete from SessionSpeaker ss where ss.id.sessionId = :id")
                .setParameter("id", session.id)
                .executeUpdate();
        replaceLineUp(session, plan.speakers());
        session.persistAndFlush();
        fire(session, session.cancelled && !wasCancelled ? SessionChanged.Kind.CANCELLED : SessionChanged.Kind.UPDATED);
        return view(session, event.zone());
    }

    /** Cancels the session: it stays on the programme, marked cancelled, and frees its room and speakers. */
    @DELETE
    @Path("{id}")
    @Authenticated
    @Transactional
    public SessionView cancel(
            @PathParam("slug") String slug, @PathParam("id") long id, @QueryParam("version") Long version) {
        Event event = events.organisedForChange(slug);
        ConferenceSession session = find(event, id);
        if (version != null) {
            Versions.check("session", session.version, version);
        }
        if (!session.cancelled) {
            session.cancel();
            session.updatedAt = Instant.now(clock);
            session.persistAndFlush();
            fire(session, SessionChanged.Kind.CANCELLED);
        }
        return view(session, event.zone());
    }

    // --- the use case's steps ---

    private void fire(ConferenceSession session, SessionChanged.Kind kind) {
        changed.fire(new SessionChanged(session.event.id, session.id, kind, session.scheduleRevision));
    }

    /** A form checked against the event: times resolved, references found, rules kept. Nothing is changed yet. */
    record Plan(
            SessionForm form,
            Instant start,
            Instant end,
            Track track,
            Venue venue,
            List<SessionForm.SpeakerRole> speakers,
            boolean cancelled) {}

    /** {@code cancelledNow}: the session's current state, kept when the form leaves {@code cancelled} out. */
    private Plan plan(Event event, Long sessionId, boolean cancelledNow, SessionForm form) {
        ZoneId zone = event.zone();
        Instant start = LocalTimes.parse("start", form.start(), zone);
        Instant end = LocalTimes.parse("end", form.end(), zone);
        if (!end.isAfter(start)) {
            throw new DomainException(
                    400,
                    "session.end-before-start",
                    "A session must end after it starts.",
                    Map.of("start", start.toString(), "end", end.toString()));
        }
        Track track = form.trackId() == null ? null : reference(Track.class, "track", event, form.trackId());
        Venue venue = form.roomId() == null ? null : reference(Venue.class, "room", event, form.roomId());
        List<SessionForm.SpeakerRole> speakers = form.speakers() == null ? List.of() : form.speakers();
        if (speakers.size() > bounds.speakersPerSession()) {
            throw new DomainException(
                    400,
                    "session.too-many-speakers",
                    "A session may have at most " + bounds.speakersPerSession() + " speakers.",
                    Map.of("limit", bounds.speakersPerSession()));
        }
        Set<Long> speakerIds = new HashSet<>();
        for (SessionForm.SpeakerRole s : speakers) {
            if (!speakerIds.add(s.speakerId())) {
                throw new DomainException(
                        400,
                        "session.duplicate-speaker",
                        "Speaker " + s.speakerId() + " is listed twice.",
                        Map.of("speakerId", s.speakerId()));
            }
        }
        if (!speakerIds.isEmpty()) {
            List<Long> known = em.createQuery(
                            "select s.id from Speaker s where s.event.id = :event and s.id in :ids", Long.class)
                    .setParameter("event", event.id)
                    .setParameter("ids", speakerIds)
                    .getResultList();
            Set<Long> unknown = new java.util.TreeSet<>(speakerIds);
            known.forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                throw new DomainException(
                        400,
                        "speaker.unknown",
                        "This event has no speaker " + unknown + ".",
                        Map.of("field", "speakers", "speakerIds", List.copyOf(unknown)));
            }
        }
        boolean cancelled = form.cancelled() == null ? cancelledNow : form.cancelled();
        if (!cancelled) {
            Schedule.Slot slot = new Schedule.Slot(
                    sessionId == null ? -1 : sessionId,
                    form.title(),
                    start,
                    end,
                    venue == null ? null : venue.id,
                    speakerIds,
                    false);
            checkDays(event, slot);
            checkConflicts(event, slot);
        }
        return new Plan(form, start, end, track, venue, speakers, cancelled);
    }

    private static void checkDays(Event event, Schedule.Slot slot) {
        if (!Schedule.withinDays(slot, event.opensAt(), event.closesAt())) {
            ZoneId zone = event.zone();
            throw new DomainException(
                    409,
                    "session.outside-event-days",
                    "A session must lie within the event's days, " + event.firstDay + " to " + event.lastDay + " in "
                            + event.timeZone + ".",
                    Map.of(
                            "firstDay", event.firstDay.toString(),
                            "lastDay", event.lastDay.toString(),
                            "timeZone", event.timeZone,
                            "opensAt", SessionView.local(event.opensAt(), zone),
                            "closesAt", SessionView.local(event.closesAt(), zone)));
        }
    }

    /** Feeds {@link Schedule} the event's live sessions that overlap the slot in time; refuses on any clash. */
    private void checkConflicts(Event event, Schedule.Slot slot) {
        List<ConferenceSession> overlapping = ConferenceSession.<ConferenceSession>find(
                        "event.id = ?1 and cancelled = false and startsAt < ?2 and endsAt > ?3 and id <> ?4",
                        event.id,
                        slot.end(),
                        slot.start(),
                        slot.id())
                .list();
        if (overlapping.isEmpty()) {
            return;
        }
        var speakerIds = LineUps.speakerIds(
                lineUps.ofSessions(overlapping.stream().map(s -> s.id).toList()));
        List<Schedule.Slot> others = overlapping.stream()
                .map(s -> new Schedule.Slot(
                        s.id,
                        s.title,
                        s.startsAt,
                        s.endsAt,
                        s.venue == null ? null : s.venue.id,
                        speakerIds.getOrDefault(s.id, Set.of()),
                        s.cancelled))
                .toList();
        List<Schedule.Conflict> conflicts = Schedule.conflicts(slot, others);
        if (conflicts.isEmpty()) {
            return;
        }
        ZoneId zone = event.zone();
        List<Map<String, Object>> named = new ArrayList<>();
        for (Schedule.Conflict c : conflicts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.other().id());
            m.put("title", c.other().title());
            m.put("start", c.other().start().toString());
            m.put("end", c.other().end().toString());
            m.put("localStart", SessionView.local(c.other().start(), zone));
            m.put("localEnd", SessionView.local(c.other().end(), zone));
            m.put(
                    "rules",
                    c.rules().stream().sorted().map(r -> r.name().toLowerCase()).toList());
            if (c.rules().contains(Schedule.Rule.ROOM)) {
                m.put("roomId", slot.roomId());
            }
            m.put("speakerIds", c.speakerIds().stream().sorted().toList());
            named.add(m);
        }
        String titles = conflicts.stream()
                .map(c -> "'" + c.other().title() + "' ("
                        + c.rules().stream()
                                .sorted()
                                .map(r -> r.name().toLowerCase())
                                .collect(Collectors.joining(", "))
                        + ")")
                .collect(Collectors.joining(", "));
        throw new DomainException(
                409,
                "schedule.conflict",
                "The session clashes with " + titles + ": a room holds one session at a time and a speaker can be in"
                        + " one session at a time.",
                Map.of("conflicts", named));
    }

    private void apply(ConferenceSession session, Plan plan) {
        SessionForm form = plan.form();
        session.title = form.title().trim();
        session.summary = form.summary();
        session.type = form.type() == null ? ConferenceSession.Type.TALK : form.type();
        session.language = form.language();
        session.track = plan.track();
        session.venue = plan.venue();
        session.capacity = form.capacity();
        session.reschedule(plan.start(), plan.end());
        if (plan.cancelled()) {
            session.cancel();
        } else {
            session.reinstate();
        }
        session.updatedAt = Instant.now(clock);
    }

    private void replaceLineUp(ConferenceSession session, List<SessionForm.SpeakerRole> speakers) {
        int position = 0;
        for (SessionForm.SpeakerRole s : speakers) {
            SessionSpeaker link = new SessionSpeaker();
            link.session = session;
            link.speaker = em.getReference(Speaker.class, s.speakerId());
            link.role = s.role() == null ? SessionSpeaker.Role.SPEAKER : s.role();
            link.position = position++;
            link.persist();
        }
    }

    private <T> T reference(Class<T> type, String what, Event event, long id) {
        return events.ofEvent(type, event, id)
                .orElseThrow(() -> new DomainException(
                        400,
                        what + ".unknown",
                        "This event has no " + what + " " + id + ".",
                        Map.of("field", what + "Id")));
    }

    private ConferenceSession find(Event event, long id) {
        return events.inEvent(ConferenceSession.class, "session", event, id);
    }

    private SessionView view(ConferenceSession session, ZoneId zone) {
        return SessionView.of(session, zone, LineUps.of(lineUps.ofSessions(List.of(session.id)), session.id));
    }

    static LocalDate parseDay(String day) {
        try {
            return LocalDate.parse(day.trim());
        } catch (DateTimeParseException e) {
            throw new DomainException(
                    400,
                    "filter.invalid",
                    "'day' must be a date such as 2027-05-12 (in the event's time zone).",
                    Map.of("field", "day", "value", day));
        }
    }
}
