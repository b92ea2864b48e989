package org.atrium.stage;

import java.time.Instant;
import java.util.List;

/**
 * The event's lobby: the server's clock ({@code now}, so that countdowns do not depend on the viewer's clock being
 * right), when the event opens and closes, each stage (venue) with the session on it now and the next one, and,
 * once sessions have ended, their recordings. Times are instants; the browser shows them in the viewer's zone and
 * the event's ({@code timeZone}).
 */
record LobbyView(
        String slug,
        String title,
        String timeZone,
        Instant now,
        Instant opens,
        Instant closes,
        List<Stage> stages,
        List<Recording> recordings) {

    record Stage(long roomId, String room, Provider provider, Slot now, Slot next) {}

    record Slot(long id, String title, Instant start, Instant end, Provider provider) {}

    record Recording(long sessionId, String title, String room, Instant start, Provider provider, String url) {}
}
