package org.atrium.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.atrium.agenda.SessionInvitations;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.timezone.LocalTimes;
import org.atrium.timezone.ViewerZones;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Renders an outbox row into a mail from the templates in {@code templates/notification} (plain text and HTML, the
 * subject a fragment of the text template; no words in code, ready for a template per language), with the state of
 * the event and session as it is when the message is sent. No images, no tracking.
 */
@ApplicationScoped
class Messages {

    /** Messages are English until translations exist; dates follow the locale's own format. */
    static final Locale LOCALE = Locale.UK;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(
                    FormatStyle.FULL, FormatStyle.SHORT)
            .withLocale(LOCALE);

    @Inject
    Engine engine;

    @Inject
    EntityManager em;

    @Inject
    SessionInvitations invitations;

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    NotificationConfig config;

    @ConfigProperty(name = "atrium.public-url")
    Optional<String> publicUrl;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    @ConfigProperty(name = "quarkus.mailer.from")
    Optional<String> from;

    /** A time on the recipient's clock and on the event's. */
    public record When(String local, String event, boolean sameZone) {}

    /** What the templates read ({@code m}). */
    public record Model(
            String kind,
            String name,
            String eventTitle,
            String eventUrl,
            String sessionTitle,
            String joinUrl,
            String room,
            String wasRoom,
            When when,
            When was,
            boolean moved,
            boolean roomChanged,
            boolean cancelled,
            String preferencesUrl,
            String unsubscribeUrl) {}

    /** Why a row is not sent (its session gone, its reminder outdated). */
    static final class Outdated extends RuntimeException {
        Outdated(String why) {
            super(why, null, false, false);
        }
    }

    Mail render(OutboxMessage m) {
        Event event = Event.findById(m.eventId);
        if (event == null) {
            throw new Outdated("event deleted");
        }
        ZoneId eventZone = event.zone();
        ZoneId zone = m.recipientZone == null
                ? eventZone
                : ViewerZones.tryParse(m.recipientZone).orElse(eventZone);
        String base = baseUrl();
        String eventUrl = base + "/#/events/" + event.slug;
        ConferenceSession session = null;
        if (m.sessionId != null) {
            session = ConferenceSession.findById(m.sessionId);
            if (session == null) {
                throw new Outdated("session deleted");
            }
        }
        Instant start = session != null ? session.startsAt : ReminderPlanner.eventStart(em, event);
        if (m.aboutStartsAt != null && !m.aboutStartsAt.equals(start)) {
            throw new Outdated("moved since the reminder was planned");
        }
        if (m.kind == NoticeKind.SESSION_REMINDER && session.cancelled) {
            throw new Outdated("session cancelled");
        }
        String sessionUrl = session == null ? eventUrl : eventUrl + "/sessions/" + session.id;
        String room = session == null || session.venue == null ? null : session.venue.name;
        boolean moved = m.wasStartsAt != null
                && (!m.wasStartsAt.equals(session.startsAt) || !Objects.equals(m.wasEndsAt, session.endsAt));
        boolean roomChanged = m.kind.category == Category.SCHEDULE
                && (m.wasStartsAt == null ? false : !Objects.equals(m.wasRoom, room));
        Model model = new Model(
                m.kind.name(),
                name(m, event),
                event.title,
                eventUrl,
                session == null ? null : session.title,
                session != null && session.venue != null && session.venue.joinUrl != null
                        ? session.venue.joinUrl
                        : sessionUrl,
                room,
                m.wasRoom,
                when(start, zone, eventZone),
                m.wasStartsAt == null ? null : when(m.wasStartsAt, zone, eventZone),
                moved,
                roomChanged,
                session != null && session.cancelled,
                base + "/#/notifications",
                base + "/api/notifications/unsubscribe?token=" + tokens.sign(m.recipient, m.category));
        Template text = engine.getTemplate("notification/" + m.kind.template + ".txt");
        Template html = engine.getTemplate("notification/" + m.kind.template + ".html");
        String subject = text.getFragment("subject").data("m", model).render().strip();
        Mail mail = Mail.withText(m.email, subject, text.data("m", model).render())
                .setHtml(html.data("m", model).render())
                .addHeader("Message-ID", messageId(m))
                .addHeader("Auto-Submitted", "auto-generated")
                .addHeader("List-Unsubscribe", "<" + model.unsubscribeUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("X-Atrium-Notice", m.kind.name());
        if (session != null && m.kind != NoticeKind.EVENT_REMINDER) {
            SessionInvitations.Invitation ics =
                    invitations.of(event, session.id, base, from.orElse("atrium@localhost"));
            mail.addAttachment(
                    "session.ics",
                    ics.ics().getBytes(StandardCharsets.UTF_8),
                    "text/calendar; charset=utf-8; method=" + ics.method());
        }
        return mail;
    }

    /** Stable per outbox row: a resend after a crash carries the same Message-ID, which mail clients deduplicate. */
    String messageId(OutboxMessage m) {
        return "<notice-" + m.id + "." + m.createdAt.toEpochMilli() + "@" + domain() + ">";
    }

    private String domain() {
        return config.messageIdDomain()
                .filter(d -> !d.isBlank())
                .orElseGet(() -> java.net.URI.create(baseUrl()).getHost());
    }

    String baseUrl() {
        String base = publicUrl.filter(u -> !u.isBlank()).orElse("http://localhost:" + port);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String name(OutboxMessage m, Event event) {
        Registration r = Registration.find("event.id = ?1 and subject = ?2", event.id, m.recipient)
                .firstResult();
        return r != null && r.displayName != null && !r.displayName.isBlank() ? r.displayName : m.email;
    }

    static When when(Instant instant, ZoneId viewer, ZoneId eventZone) {
        boolean same =
                viewer.getRules().getOffset(instant).equals(eventZone.getRules().getOffset(instant))
                        && viewer.getId().equals(eventZone.getId());
        return new When(format(instant, viewer), format(instant, eventZone), same);
    }

    static String format(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone)) + " " + zone.getId() + " (GMT"
                + LocalTimes.offsetId(zone.getRules().getOffset(instant)) + ")";
    }
}
