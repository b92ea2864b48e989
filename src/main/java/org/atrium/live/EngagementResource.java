package org.atrium.live;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atrium.common.Csv;
import org.atrium.common.Sql;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.security.CurrentUser;

/**
 * A session's poll results (JSON, CSV) next to its Q&A export, and its engagement statistics, for its speakers and
 * moderators and the event's organisers. Who voted what is named to organisers only, and only for named polls; an
 * anonymous poll's answers are listed without names or times, in a fixed order (by answer).
 */
@Path("/api/events/{slug}/sessions/{id}")
@Authenticated
class EngagementResource {

    record VoteView(String voter, List<Integer> choices, Integer rating, String text, Instant at) {}

    record PollResultView(
            long id,
            String kind,
            String question,
            String state,
            String results,
            boolean anonymous,
            List<String> options,
            Integer scale,
            List<Integer> correct,
            Instant launchedAt,
            Instant closedAt,
            int voters,
            List<Long> counts,
            List<Map<String, Object>> words,
            /** Organisers only (null for others): each answer, named when the poll is. */
            List<VoteView> votes) {}

    record MinuteView(
            Instant minute, int presence, long applause, long heart, long laugh, long surprise, long cantHear) {}

    record PollParticipation(long id, String question, int voters, double participation) {}

    record EngagementView(
            long sessionId,
            int peakPresence,
            long questionsAsked,
            long questionsAnswered,
            long questionVotes,
            long chatLines,
            long pollVotes,
            List<PollParticipation> polls,
            Map<String, Long> reactions,
            List<MinuteView> perMinute) {}

    /** A plain mapper for reading stored JSON arrays (no REST customisation involved). */
    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> CSV_HEADER =
            List.of("poll_id", "question", "kind", "state", "voters", "answer", "count", "correct");

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    EntityManager em;

    @Inject
    PollResource polls;

    @GET
    @Path("polls.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<PollResultView> pollsJson(@PathParam("slug") String slug, @PathParam("id") long id) {
        return results(slug, id);
    }

    @GET
    @Path("polls.csv")
    @Produces("text/csv")
    @Transactional
    public Response pollsCsv(@PathParam("slug") String slug, @PathParam("id") long id) {
        List<List<Object>> rows = new ArrayList<>();
        for (PollResultView p : results(slug, id)) {
            if (p.kind().equals("text")) {
                for (Map<String, Object> w : p.words()) {
                    rows.add(Arrays.asList(
                            p.id(), p.question(), p.kind(), p.state(), p.voters(), w.get("word"), w.get("count"), ""));
                }
                continue;
            }
            List<String> labels = new ArrayList<>(p.options());
            if (p.kind().equals("rating")) {
                for (int i = 1; i <= p.scale(); i++) {
                    labels.add(String.valueOf(i));
                }
            }
            for (int i = 0; i < labels.size(); i++) {
                String correct =
                        p.correct().isEmpty() ? "" : String.valueOf(p.correct().contains(i));
                rows.add(Arrays.asList(
                        p.id(),
                        p.question(),
                        p.kind(),
                        p.state(),
                        p.voters(),
                        labels.get(i),
                        i < p.counts().size() ? p.counts().get(i) : 0,
                        correct));
            }
        }
        return Response.ok(Csv.write(CSV_HEADER, rows, false), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"polls-" + id + ".csv\"")
                .build();
    }

    @GET
    @Path("engagement.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public EngagementView engagement(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        polls.requireSessionRights(event, id);
        String room = LiveRoom.sessionKey(id);
        List<MinuteView> minutes = Sql.list(
                em,
                "select minute, peak_presence, applause, heart, laugh, surprise, cant_hear from live_room_minute"
                        + " where room = ? order by minute",
                rs -> new MinuteView(
                        rs.getTimestamp(1).toInstant(),
                        rs.getInt(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7)),
                room);
        int peak = minutes.stream().mapToInt(MinuteView::presence).max().orElse(0);
        Map<String, Long> reactions = new LinkedHashMap<>();
        reactions.put(
                "applause", minutes.stream().mapToLong(MinuteView::applause).sum());
        reactions.put("heart", minutes.stream().mapToLong(MinuteView::heart).sum());
        reactions.put("laugh", minutes.stream().mapToLong(MinuteView::laugh).sum());
        reactions.put(
                "surprise", minutes.stream().mapToLong(MinuteView::surprise).sum());
        reactions.put(
                "cant-hear", minutes.stream().mapToLong(MinuteView::cantHear).sum());
        long[] q = Sql.list(
                        em,
                        "select count(*), count(*) filter (where state = 'ANSWERED'), coalesce(sum(votes), 0)"
                                + " from live_question where room = ? and state not in ('WITHDRAWN', 'MERGED')",
                        rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                        room)
                .get(0);
        long chat = Sql.longValue(em, "select count(*) from live_chat where room = ? and deleted = false", room);
        List<PollParticipation> participation = new ArrayList<>();
        long pollVotes = 0;
        for (Poll p : launched(room)) {
            pollVotes += p.voters;
            participation.add(new PollParticipation(
                    p.id, p.question, p.voters, peak == 0 ? 0 : Math.min(1.0, (double) p.voters / peak)));
        }
        return new EngagementView(id, peak, q[0], q[1], q[2], chat, pollVotes, participation, reactions, minutes);
    }

    private List<Poll> launched(String room) {
        return em.createQuery("from Poll where room = ?1 and state <> ?2 order by id", Poll.class)
                .setParameter(1, room)
                .setParameter(2, Poll.State.DRAFT)
                .getResultList();
    }

    private List<PollResultView> results(String slug, long sessionId) {
        Event event = events.visible(slug);
        polls.requireSessionRights(event, sessionId);
        boolean organiser = event.isOrganiser(user.requireSubject());
        List<PollResultView> out = new ArrayList<>();
        for (Poll p : launched(LiveRoom.sessionKey(sessionId))) {
            PollResource.PollView v = PollResource.PollView.of(p);
            List<VoteView> votes = organiser ? votes(p) : null;
            out.add(new PollResultView(
                    p.id,
                    v.kind(),
                    p.question,
                    v.state(),
                    v.results(),
                    p.anonymous,
                    v.options(),
                    p.scale,
                    v.correct(),
                    p.launchedAt,
                    p.closedAt,
                    p.voters,
                    v.counts(),
                    v.words(),
                    votes));
        }
        return out;
    }

    private List<VoteView> votes(Poll p) {
        String order = p.anonymous ? "cast(choices as text), text" : "created_at, voter";
        return Sql.list(
                em,
                "select voter_name, cast(choices as text), text, updated_at from live_poll_vote where poll_id = ?"
                        + " order by " + order,
                rs -> {
                    List<Integer> choices = Polls.ints(JSON, rs.getString(2));
                    boolean rating = p.kind == Poll.Kind.RATING;
                    return new VoteView(
                            p.anonymous ? null : rs.getString(1),
                            p.kind == Poll.Kind.TEXT || rating ? null : choices,
                            rating ? choices.get(0) : null,
                            rs.getString(3),
                            p.anonymous ? null : rs.getTimestamp(4).toInstant());
                },
                p.id);
    }
}
