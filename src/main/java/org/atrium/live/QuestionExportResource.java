package org.atrium.live;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atrium.common.Csv;
import org.atrium.common.DomainException;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.schedule.ConferenceSession;
import org.atrium.schedule.SessionRoles;
import org.atrium.security.CurrentUser;

/**
 * A session's Q&A for its speakers and the event's organisers, as JSON or CSV (merged and withdrawn questions are
 * left out). Anonymous authors are named to organisers only. The CSV is written by {@link Csv} (RFC 4180, formula
 * cells defused).
 */
@Path("/api/events/{slug}/sessions/{id}")
@Authenticated
class QuestionExportResource {

    record ReplyView(String author, String text, Instant at) {}

    record QuestionExportView(
            long id,
            String author,
            boolean anonymous,
            String text,
            String state,
            boolean pinned,
            int votes,
            Instant askedAt,
            List<ReplyView> replies) {}

    static final List<String> CSV_HEADER =
            List.of("id", "asked_at", "author", "anonymous", "state", "pinned", "votes", "text", "replies");

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    EntityManager em;

    @Inject
    SessionRoles roles;

    @Inject
    QuestionBoard board;

    @GET
    @Path("questions.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<QuestionExportView> json(@PathParam("slug") String slug, @PathParam("id") long id) {
        return export(slug, id);
    }

    @GET
    @Path("questions.csv")
    @Produces("text/csv")
    @Transactional
    public Response csv(@PathParam("slug") String slug, @PathParam("id") long id) {
        List<List<Object>> rows = new ArrayList<>();
        for (QuestionExportView q : export(slug, id)) {
            List<String> replies = new ArrayList<>();
            q.replies().forEach(r -> replies.add(r.author() + ": " + r.text()));
            rows.add(Arrays.asList(
                    q.id(),
                    q.askedAt(),
                    q.author(),
                    q.anonymous(),
                    q.state(),
                    q.pinned(),
                    q.votes(),
                    q.text(),
                    String.join("\n", replies)));
        }
        String csv = Csv.write(CSV_HEADER, rows, false);
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"questions-" + id + ".csv\"")
                .build();
    }

    private List<QuestionExportView> export(String slug, long sessionId) {
        Event event = events.visible(slug);
        ConferenceSession session = em.find(ConferenceSession.class, sessionId);
        if (session == null || !session.event.id.equals(event.id)) {
            throw DomainException.notFound("session");
        }
        String subject = user.requireSubject();
        boolean organiser = event.isOrganiser(subject);
        boolean speaker = roles.isSpeakerOrModerator(sessionId, subject);
        if (!organiser && !speaker) {
            throw DomainException.forbidden(
                    "Only this session's speakers and the event's organisers may export its Q&A.");
        }
        String room = LiveRoom.sessionKey(sessionId);
        List<QuestionExportView> out = new ArrayList<>();
        for (QuestionBoard.QuestionWithReplies listed : board.board(room)) {
            Question q = listed.question();
            List<ReplyView> rs = listed.replies().stream()
                    .map(r -> new ReplyView(r.authorName, r.text, r.createdAt))
                    .toList();
            String author = q.anonymous && !organiser ? null : q.authorName;
            out.add(new QuestionExportView(
                    q.id,
                    author,
                    q.anonymous,
                    q.text,
                    q.state.name().toLowerCase(),
                    q.pinned,
                    q.votes,
                    q.createdAt,
                    rs));
        }
        return out;
    }
}
