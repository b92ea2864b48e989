package org.atrium.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The few rules the message templates are written in ({@link Templates}), on the real templates and phrases. */
class TemplatesTest {

    static final Map<String, Object> MODEL = Map.of(
            "kind", "SESSION_CHANGED",
            "language", "en",
            "name", "Kai <Admin>",
            "sessionTitle", "Q&A \"live\"",
            "eventTitle", "Summit",
            "when.local", "Wednesday, 12 May 2027, 01:00 Pacific/Honolulu (GMT-10:00)",
            "when.event", "Wednesday, 12 May 2027, 15:00 Asia/Baku (GMT+04:00)",
            "when.sameZone", false,
            "moved", false,
            "cancelled", false);

    @Test
    void phrasesAndValuesAreEscapedInHtmlOnlyAndEmphasisIsStrongThere() {
        String text = Templates.render("schedule-change.txt", MODEL, Locale.UK);
        String html = Templates.render("schedule-change.html", MODEL, Locale.UK);
        assertEquals(true, text.startsWith("Hello Kai <Admin>,\n\n\"Q&A \"live\"\" at Summit has changed.\n\n"), text);
        assertEquals(
                true,
                html.contains(
                        "<p>Hello Kai &lt;Admin&gt;,</p>\n<p>&quot;<strong>Q&amp;A &quot;live&quot;</strong>&quot;"
                                + " at Summit has changed.</p>"),
                html);
    }

    @Test
    void sectionsKeepOneBranchAndTheirOwnLinesDisappear() {
        String text = Templates.render("schedule-change.txt", MODEL, Locale.UK);
        // not moved, not cancelled: the included times, both clocks; no Now/Was, no Room line
        assertEquals(
                true,
                text.contains("\nStarts: Wednesday, 12 May 2027, 01:00 Pacific/Honolulu (GMT-10:00)\n"
                        + "        Wednesday, 12 May 2027, 15:00 Asia/Baku (GMT+04:00) (event time)\n"),
                text);
        assertEquals(false, text.contains("Now:") || text.contains("Room:") || text.contains("{"), text);
        Map<String, Object> cancelled = new java.util.HashMap<>(MODEL);
        cancelled.put("cancelled", true);
        cancelled.put("kind", "SESSION_CANCELLED");
        String gone = Templates.render("schedule-change.txt", cancelled, Locale.UK);
        assertEquals(false, gone.contains("Starts:") || gone.contains("Join:"), gone);
        assertEquals(true, gone.contains("is cancelled."), gone);
    }

    @Test
    void theSendersBareAddressGoesIntoTheCalendarsOrganizer() {
        assertEquals("atrium@example.org", Smtp.address("Atrium <atrium@example.org>"));
        assertEquals("atrium@example.org", Smtp.address(" atrium@example.org "));
    }
}
