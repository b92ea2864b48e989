package org.atrium.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Down while the node does not listen for the other nodes' messages: it could serve stale public renderings or keep
 * a signed-out session's tokens, so a proxy should route new work elsewhere until it listens again.
 */
@Readiness
@ApplicationScoped
class ClusterHealthCheck implements HealthCheck {

    @Inject
    ClusterChannel channel;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cluster channel")
                .status(channel.listening())
                .withData("node", channel.node());
        String error = channel.lastError();
        if (error != null && !channel.listening()) {
            response.withData("error", error);
        }
        return response.build();
    }
}
