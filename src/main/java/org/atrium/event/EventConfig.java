package org.atrium.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may create events. Safe by default: only accounts with {@link #role()}, unless the operator opens it. */
@ConfigMapping(prefix = "atrium.organising")
public interface EventConfig {

    /** The role an account needs to create events (default {@code organiser}). */
    @WithDefault("organiser")
    String role();

    /**
     * Whether any signed-in account may create events, whatever its roles. Off by default (and in production); the
     * dev and test profiles turn it on so the demo accounts can try organising.
     */
    @WithDefault("false")
    boolean open();
}
