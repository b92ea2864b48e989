package org.atrium.notification;

import java.util.Map;

/**
 * One rendered message, ready for SMTP: plain text and HTML parts, its own headers (Message-ID, List-Unsubscribe),
 * and an optional iCalendar attachment; {@code summary} and {@code link} (relative to the public URL) are what the
 * in-app notice shows.
 */
record Email(
        String to,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        Attachment calendar,
        String summary,
        String link) {

    /** An attached file; {@code contentType} carries the iTIP method for calendars. */
    record Attachment(String name, String contentType, byte[] data) {}
}
