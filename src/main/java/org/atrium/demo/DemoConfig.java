package org.atrium.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "atrium.demo")
public interface DemoConfig {
    /** Load the demo event at start-up when its slug does not exist yet (dev mode by default). */
    @WithDefault("false")
    boolean enabled();
}
