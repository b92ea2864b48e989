package org.atrium.event;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "atrium.organising")
public interface EventConfig {
    /** The role an account needs to create events; empty means any signed-in account may organise. */
    Optional<String> role();
}
