package org.atrium.stage;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.schedule.ConferenceSession;

/**
 * A session's player frame: a small same-origin document the session page shows in an {@code <iframe>}, with the
 * event's own Content-Security-Policy ({@link ContentPolicy}), so that only this frame may load the event's streams
 * and the UI's pages keep a policy that allows none. Being a separate document, the player also lives on untouched
 * while the live room beside it reconnects or re-renders. It plays the recording once the session has ended and
 * there is one, else the stream in force when it is played in the page (HLS, an embedded provider, an embeddable
 * Jitsi); otherwise it says there is nothing to play. No inline script: {@code /js/player.js} reads the data
 * attributes.
 */
@Path("/stage/{slug}/sessions/{id}")
class PlayerPage {

    @Inject
    Events events;

    @Inject
    Stages stages;

    @Inject
    ContentPolicy policy;

    @Inject
    Clock clock;

    @GET
    @PermitAll
    @Transactional
    @Produces("text/html;charset=utf-8")
    public Response page(@PathParam("slug") String slug, @PathParam("id") long id) {
        Event event = events.visible(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        StageStream stream = stages.inForce(session).orElse(null);
        StageStream recording =
                stages.find(null, session, StreamUrl.Purpose.RECORDING).orElse(null);
        String plays = plays(session, stream, recording, clock.instant());
        StageStream shown = "recording".equals(plays) ? recording : "stream".equals(plays) ? stream : null;
        String player;
        if (shown == null) {
            player = "<p class=\"nothing\">Nothing to play here yet.</p>";
        } else {
            StreamUrl source = shown.source();
            String src = source.provider().kind() == Provider.Kind.PLAYER ? source.url() : source.embedUrl();
            player = "<div id=\"player\" class=\"player\" data-provider=\"" + shown.provider + "\" data-kind=\""
                    + source.provider().kind() + "\" data-src=\"" + escape(src) + "\" data-title=\""
                    + escape(session.title) + "\"></div>";
        }
        String html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(session.title) + " · stage</title>\n"
                + "<link rel=\"stylesheet\" href=\"/stage.css\">\n"
                + "<script type=\"module\" src=\"/js/player.js\"></script>\n</head>\n<body>\n" + player
                + "\n</body>\n</html>\n";
        return Response.ok(html)
                .header("Content-Security-Policy", policy.forEvent(event.id))
                .header("X-Frame-Options", "SAMEORIGIN")
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * What a session's player frame plays: {@code recording} after the session ended when it has one, else
     * {@code stream} when its stream in force is played in the page, else null.
     */
    static String plays(ConferenceSession session, StageStream stream, StageStream recording, Instant now) {
        if (recording != null && !session.endsAt.isAfter(now) && StreamView.played(recording)) {
            return "recording";
        }
        if (stream != null && StreamView.played(stream)) {
            return "stream";
        }
        return null;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
