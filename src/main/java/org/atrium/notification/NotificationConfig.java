package org.atrium.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the notification outbox (src/docs/notifications.md); SMTP itself is {@link SmtpConfig}. */
@ConfigMapping(prefix = "atrium.notifications")
public interface NotificationConfig {

    /** How often the sender polls the outbox ({@code off} disables the poller: the tests drive it by hand). */
    @WithDefault("10s")
    String sendEvery();

    /** How many due rows one poll claims at most. */
    @WithDefault("500")
    int batchSize();

    /** How many messages one node hands to SMTP at the same time (keep at most {@code atrium.smtp.max-connections}). */
    @WithDefault("8")
    int parallelism();

    /** How long a claimed row stays away from other senders; after a crash it is sent again (at-least-once). */
    @WithDefault("PT5M")
    Duration lease();

    /** Failed sends before a row is dead-lettered (listed for the event's organisers). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failure; doubled after each further one, at most {@link #maxBackoff()}. */
    @WithDefault("PT1M")
    Duration backoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** Quiet time after an organiser's last edit of a session before its change notice goes out. */
    @WithDefault("PT1M")
    Duration debounce();

    /** Default lead of the event reminder. */
    @WithDefault("PT24H")
    Duration eventReminder();

    /** Default lead of the reminder before each starred or signed-up session. */
    @WithDefault("PT15M")
    Duration sessionReminder();

    /** Reminders are planned into the outbox this long before they are due. */
    @WithDefault("PT10M")
    Duration planAhead();

    /** A reminder whose due time passed less than this long ago is still sent (a late or restarted planner). */
    @WithDefault("PT10M")
    Duration planGrace();

    /** Messages per recipient per hour; more wait for the next hour (never dropped). */
    @WithDefault("30")
    int perRecipientPerHour();

    /** Key of the one-click unsubscribe links (HMAC-SHA256). Set it in production: links die when it changes. */
    Optional<String> unsubscribeSecret();

    /** The host part of Message-IDs (default: the public URL's host). */
    Optional<String> messageIdDomain();
}
