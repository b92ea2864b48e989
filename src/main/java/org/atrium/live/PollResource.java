package org.atrium.live;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionRoles;
import org.atrium.security.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Poll drafts of a session's room (its speakers and moderators, the event's organisers) and of the event's channel
 * (organisers): listed, created, changed and deleted before launch. Launching and closing happen live
 * ({@code poll.launch}, {@code poll.close}); see src/docs/polls.md.
 */
@Path("/api/events/{slug}")
@Authenticated
class PollResource {

    static final int MAX_QUESTION = 500;
    static final int MAX_OPTION = 200;
    static final int MAX_DURATION_SECONDS = 24 * 3600;

    record PollForm(
            String kind,
            String question,
            List<String> options,
            Integer maxChoices,
            Integer scale,
            String results,
            Boolean anonymous,
            Boolean changeable,
            List<Integer> correct,
            Integer durationSeconds) {}

    record PollView(
            long id,
            String room,
            Long sessionId,
            String kind,
            String question,
            List<String> options,
            int maxChoices,
            Integer scale,
            String results,
            boolean anonymous,
            boolean changeable,
            List<Integer> correct,
            Integer durationSeconds,
            String state,
            Instant launchedAt,
            Instant closesAt,
            Instant closedAt,
            int voters,
            List<Long> counts,
            List<Map<String, Object>> words) {

        static PollView of(Poll p) {
            List<Long> counts = new ArrayList<>();
            for (long c : p.countArray()) {
                counts.add(c);
            }
            List<Map<String, Object>> words = new ArrayList<>();
            if (p.kind == Poll.Kind.TEXT) {
                var hidden = p.hiddenWordSet();
                p.wordCounts().entrySet().stream()
                        .filter(e -> e.getValue() > 0 && !hidden.contains(e.getKey()))
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> words.add(Map.of("word", e.getKey(), "count", e.getValue())));
            }
            return new PollView(
                    p.id,
                    p.room,
                    p.sessionId,
                    p.kind.name().toLowerCase(),
                    p.question,
                    p.optionList(),
                    p.maxChoices,
                    p.scale,
                    p.results.name().toLowerCase(),
                    p.anonymous,
                    p.changeable,
                    p.correctList(),
                    p.durationSeconds,
                    p.state.name().toLowerCase(),
                    p.launchedAt,
                    p.closesAt,
                    p.closedAt,
                    p.voters,
                    counts,
                    words);
        }
    }

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    EntityManager em;

    @Inject
    SessionRoles roles;

    @Inject
    Clock clock;

    @GET
    @Path("sessions/{id}/polls")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<PollView> sessionPolls(@PathParam("slug") String slug, @PathParam("id") long sessionId) {
        Event event = events.visible(slug);
        requireSessionRights(event, sessionId);
        return list(LiveRoom.sessionKey(sessionId));
    }

    @POST
    @Path("sessions/{id}/polls")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollView.class)))
    public Response createSessionPoll(@PathParam("slug") String slug, @PathParam("id") long sessionId, PollForm form) {
        Event event = events.visible(slug);
        requireSessionRights(event, sessionId);
        return create(event, LiveRoom.sessionKey(sessionId), sessionId, form);
    }

    @GET
    @Path("polls")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<PollView> eventPolls(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        return list(LiveRoom.eventKey(event.id));
    }

    @POST
    @Path("polls")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollView.class)))
    public Response createEventPoll(@PathParam("slug") String slug, PollForm form) {
        Event event = events.organised(slug);
        return create(event, LiveRoom.eventKey(event.id), null, form);
    }

    @PUT
    @Path("polls/{pollId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public PollView update(@PathParam("slug") String slug, @PathParam("pollId") long pollId, PollForm form) {
        Poll p = editable(slug, pollId);
        p.requireDraft();
        apply(p, form);
        p.updatedAt = clock.instant();
        return PollView.of(p);
    }

    @DELETE
    @Path("polls/{pollId}")
    @Transactional
    public Response delete(@PathParam("slug") String slug, @PathParam("pollId") long pollId) {
        Poll p = editable(slug, pollId);
        p.requireDraft();
        p.delete();
        return Response.noContent().build();
    }

    /** A poll of this event the caller may prepare (drafts) or export, or 404/403. */
    Poll editable(String slug, long pollId) {
        Event event = events.visible(slug);
        Poll p = em.find(Poll.class, pollId);
        if (p == null || p.eventId != event.id) {
            throw DomainException.notFound("poll");
        }
        if (p.sessionId != null) {
            requireSessionRights(event, p.sessionId);
        } else if (!event.isOrganiser(user.requireSubject())) {
            throw DomainException.forbidden("Only the event's organisers prepare its channel's polls.");
        }
        return p;
    }

    /** The session of this event, if the caller speaks at or moderates it or organises the event; else 404/403. */
    ConferenceSession requireSessionRights(Event event, long sessionId) {
        ConferenceSession session = em.find(ConferenceSession.class, sessionId);
        if (session == null || !session.event.id.equals(event.id)) {
            throw DomainException.notFound("session");
        }
        String subject = user.requireSubject();
        if (!event.isOrganiser(subject) && !roles.isSpeakerOrModerator(sessionId, subject)) {
            throw DomainException.forbidden(
                    "Only this session's speakers and moderators and the event's organisers prepare its polls.");
        }
        return session;
    }

    private List<PollView> list(String room) {
        return em.createQuery("from Poll where room = ?1 order by id", Poll.class)
                .setParameter(1, room)
                .getResultStream()
                .map(PollView::of)
                .toList();
    }

    private Response create(Event event, String room, Long sessionId, PollForm form) {
        Poll p = new Poll();
        p.eventId = event.id;
        p.room = room;
        p.sessionId = sessionId;
        p.state = Poll.State.DRAFT;
        p.createdBy = user.requireSubject();
        p.createdAt = clock.instant();
        p.updatedAt = p.createdAt;
        apply(p, form);
        p.persist();
        return Response.status(Response.Status.CREATED).entity(PollView.of(p)).build();
    }

    /** Checks a form whole before it changes the draft (codes: poll.invalid with the field). */
    static void apply(Poll p, PollForm f) {
        if (f == null) {
            throw invalid("question", "A poll needs a question.");
        }
        Poll.Kind kind = parse(Poll.Kind.class, f.kind(), "kind", null);
        String question = f.question() == null ? "" : f.question().strip();
        if (question.isEmpty() || question.length() > MAX_QUESTION) {
            throw invalid("question", "The question must have 1 to " + MAX_QUESTION + " characters.");
        }
        List<String> options = new ArrayList<>();
        int maxChoices = 1;
        Integer scale = null;
        switch (kind) {
            case SINGLE, MULTIPLE -> {
                if (f.options() == null || f.options().size() < 2 || f.options().size() > Polls.MAX_OPTIONS) {
                    throw invalid("options", "A choice poll needs 2 to " + Polls.MAX_OPTIONS + " options.");
                }
                for (String o : f.options()) {
                    String label = o == null ? "" : o.strip();
                    if (label.isEmpty() || label.length() > MAX_OPTION) {
                        throw invalid("options", "Each option must have 1 to " + MAX_OPTION + " characters.");
                    }
                    options.add(label);
                }
                if (kind == Poll.Kind.MULTIPLE) {
                    maxChoices = f.maxChoices() == null ? options.size() : f.maxChoices();
                    if (maxChoices < 1 || maxChoices > options.size()) {
                        throw invalid("maxChoices", "maxChoices must be between 1 and the number of options.");
                    }
                }
            }
            case RATING -> {
                scale = f.scale() == null ? 5 : f.scale();
                if (scale != 5 && scale != 10) {
                    throw invalid("scale", "A rating is out of 5 or 10.");
                }
            }
            case TEXT -> {}
        }
        List<Integer> correct = f.correct() == null ? List.of() : Poll.sortedDistinct(f.correct());
        if (!correct.isEmpty()) {
            int max = kind == Poll.Kind.SINGLE ? 1 : maxChoices;
            if ((kind != Poll.Kind.SINGLE && kind != Poll.Kind.MULTIPLE)
                    || correct.size() > max
                    || correct.get(0) < 0
                    || correct.get(correct.size() - 1) >= options.size()) {
                throw invalid("correct", "A quiz's correct answers are indexes of its options.");
            }
        }
        if (f.durationSeconds() != null && (f.durationSeconds() < 5 || f.durationSeconds() > MAX_DURATION_SECONDS)) {
            throw invalid("durationSeconds", "A timer runs from 5 s to 24 h.");
        }
        p.kind = kind;
        p.question = question;
        p.optionList(options);
        p.maxChoices = maxChoices;
        p.scale = scale;
        p.results = parse(Poll.Results.class, f.results(), "results", Poll.Results.LIVE);
        p.anonymous = f.anonymous() == null || f.anonymous();
        p.changeable = f.changeable() != null && f.changeable();
        p.correctList(correct);
        p.durationSeconds = f.durationSeconds();
        p.countArray(new long[p.slots()]);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, E fallback) {
        if (value == null && fallback != null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value == null ? "" : value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "Unknown " + field + " '" + value + "'.");
        }
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(400, "poll.invalid", message, Map.of("field", field));
    }
}
