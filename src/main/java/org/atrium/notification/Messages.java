package org.atrium.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atrium.agenda.SessionInvitations;
import org.atrium.event.Event;
import org.atrium.invitation.Invitation;
import org.atrium.registration.Registration;
import org.atrium.schedule.ConferenceSession;
import org.atrium.security.People;
import org.atrium.security.Person;
import org.atrium.timezone.LocalTimes;
import org.atrium.timezone.ViewerZones;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Renders an outbox row into a mail from the templates and phrases in {@code notification/} ({@link Templates}:
 * plain text and HTML, no words in code, ready for a translation per language), with the state of the event and
 * session as it is when the message is sent. No images, no tracking.
 */
@ApplicationScoped
class Messages {

    /** Messages are English until translations exist; dates follow the locale's own format. */
    static final Locale LOCALE = Locale.UK;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(
                    FormatStyle.FULL, FormatStyle.SHORT)
            .withLocale(LOCALE);

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

    @Inject
    Smtp smtp;

    @Inject
    People people;

    @Inject
    java.time.Clock clock;

    private static void put(Map<String, Object> model, String key, When when) {
        if (when != null) {
            model.put(key + ".local", when.local());
            model.put(key + ".event", when.event());
            model.put(key + ".sameZone", when.sameZone());
        }
    }

    /** A time on the recipient's clock and on the event's. */
    public record When(String local, String event, boolean sameZone) {}

    /** Why a row is not sent (its session gone, its reminder outdated). */
    static final class Outdated extends RuntimeException {
        Outdated(String why) {
            super(why, null, false, false);
        }
    }

    Email render(OutboxMessage m) {
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
        if (m.category == Category.INVITATION) {
            return invitation(m, event, zone, base, eventUrl);
        }
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
        Map<String, Object> model = new HashMap<>();
        model.put("language", LOCALE.getLanguage());
        model.put("kind", m.kind.name());
        model.put("name", name(m, event));
        model.put("eventTitle", event.title);
        model.put("eventUrl", eventUrl);
        model.put("sessionTitle", session == null ? null : session.title);
        model.put(
                "joinUrl",
                session != null && session.venue != null && session.venue.joinUrl != null
                        ? session.venue.joinUrl
                        : sessionUrl);
        model.put("room", room);
        model.put("wasRoom", m.wasRoom);
        put(model, "when", when(start, zone, eventZone));
        put(model, "was", m.wasStartsAt == null ? null : when(m.wasStartsAt, zone, eventZone));
        model.put("moved", moved);
        model.put("roomChanged", roomChanged);
        model.put("cancelled", session != null && session.cancelled);
        model.put("preferencesUrl", base + "/#/notifications");
        String unsubscribeUrl = base + "/api/notifications/unsubscribe?token=" + tokens.sign(m.recipient, m.category);
        model.put("unsubscribeUrl", unsubscribeUrl);
        String subject = Templates.phrase(m.kind.name() + ".subject", model, LOCALE);
        model.put("subject", subject);
        model.put("lead", Templates.phrase(m.kind.name() + ".lead", model, LOCALE));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", messageId(m));
        headers.put("Auto-Submitted", "auto-generated");
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("X-Atrium-Notice", m.kind.name());
        Email.Attachment calendar = null;
        if (session != null && m.kind != NoticeKind.EVENT_REMINDER) {
            SessionInvitations.Invitation ics = invitations.of(event, session.id, base, smtp.fromAddress());
            calendar = new Email.Attachment(
                    "session.ics",
                    "text/calendar; charset=utf-8; method=" + ics.method(),
                    ics.ics().getBytes(StandardCharsets.UTF_8));
        }
        Email mail = new Email(
                m.email,
                subject,
                Templates.render(m.kind.template + ".txt", model, LOCALE),
                Templates.render(m.kind.template + ".html", model, LOCALE),
                headers,
                calendar,
                (String) model.get("lead"),
                sessionUrl.substring(base.length()));
        return mail;
    }

    /** An invitation to speak or organise, with its link; not sent once the invitation is no longer open. */
    private Email invitation(OutboxMessage m, Event event, ZoneId zone, String base, String eventUrl) {
        Invitation invitation =
                Invitation.findById(Long.parseLong(m.recipient.substring(ChangeNotices.INVITATION_PREFIX.length())));
        Instant now = clock.instant();
        if (invitation == null
                || m.secretLink == null
                || invitation.acceptedAt != null
                || invitation.revokedAt != null
                || !invitation.expiresAt.isAfter(now)) {
            throw new Outdated("invitation no longer open");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("language", LOCALE.getLanguage());
        model.put("kind", m.kind.name());
        model.put(
                "name",
                invitation.speaker != null && invitation.speaker.name != null ? invitation.speaker.name : m.email);
        Person inviter = people.of(java.util.Set.of(invitation.invitedBy)).get(invitation.invitedBy);
        model.put("inviter", inviter == null || inviter.name() == null ? invitation.invitedBy : inviter.name());
        model.put("eventTitle", event.title);
        model.put("eventUrl", eventUrl);
        model.put("acceptUrl", m.secretLink);
        put(model, "expires", when(invitation.expiresAt, zone, zone));
        Instant start = ReminderPlanner.eventStart(em, event);
        put(model, "when", start == null ? null : when(start, zone, zone));
        String subject = Templates.phrase(m.kind.name() + ".subject", model, LOCALE);
        model.put("subject", subject);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", messageId(m));
        headers.put("Auto-Submitted", "auto-generated");
        headers.put("X-Atrium-Notice", m.kind.name());
        return new Email(
                m.email,
                subject,
                Templates.render(m.kind.template + ".txt", model, LOCALE),
                Templates.render(m.kind.template + ".html", model, LOCALE),
                headers,
                null,
                Templates.phrase(m.kind.name() + ".lead", model, LOCALE),
                eventUrl.substring(base.length()));
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
