package org.atrium.timezone;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Reports the time-zone database this server converts with (e.g. {@code 2025b}), so an operator can tell why two
 * servers disagree about a zone's future offsets. Shown under {@code /q/health} and {@code /q/health/live}.
 */
@Liveness
@ApplicationScoped
class TzdbHealthCheck implements HealthCheck {

    static String tzdbVersion() {
        return ZoneRulesProvider.getVersions("UTC").lastKey();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("time-zone database")
                .up()
                .withData("tzdbVersion", tzdbVersion())
                .withData("zones", ZoneId.getAvailableZoneIds().size())
                .withData("javaVersion", Runtime.version().toString())
                .build();
    }
}
