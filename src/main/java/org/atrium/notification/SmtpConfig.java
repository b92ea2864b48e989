package org.atrium.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The SMTP server notifications go through ({@code ATRIUM_SMTP_*} in production, README). */
@ConfigMapping(prefix = "atrium.smtp")
public interface SmtpConfig {

    @WithDefault("localhost")
    String host();

    @WithDefault("25")
    int port();

    Optional<String> username();

    Optional<String> password();

    /** The sender address, e.g. {@code Atrium <atrium@example.org>}. */
    @WithDefault("atrium@localhost")
    String from();

    /** Implicit TLS from the first byte (port 465). */
    @WithDefault("false")
    boolean tls();

    /** STARTTLS: {@code REQUIRED}, {@code OPTIONAL} or {@code DISABLED}. */
    @WithDefault("OPTIONAL")
    String startTls();

    /** SMTP connections kept open per node (at least {@code atrium.notifications.parallelism}). */
    @WithDefault("8")
    int maxConnections();

    /** How long one message may take to hand over before it counts as failed (and is tried again). */
    @WithDefault("PT1M")
    Duration timeout();

    /**
     * Dev mode only: start GreenMail (a real SMTP server in the JVM) on {@link #port()} and list what it catches at
     * {@code /api/dev/mail}.
     */
    @WithDefault("false")
    boolean devServer();
}
