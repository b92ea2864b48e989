package org.atrium.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;

/** Loads the demo event when {@code atrium.demo.enabled} is true (the dev profile), so a fresh run has content. */
@ApplicationScoped
class DemoStartup {

    @Inject
    DemoConfig config;

    @Inject
    DemoEvent demo;

    @Inject
    Clock clock;

    void onStart(@Observes StartupEvent startup) {
        if (config.enabled()) {
            demo.load(DemoEvent.SLUG, clock);
        }
    }
}
