package org.atrium.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies over {@code quarkus.http.limits.max-body-size} with a problem document. Vert.x checks the limit
 * before any resource (and so {@link ProblemMapper}) runs, and its own answer is an empty 413; this route runs just
 * before it (Quarkus installs its check at order -2) and answers the same refusal as {@code application/problem+json}.
 * Bodies sent without a length (chunked) are cut off while reading and fail with 413, which the failure handler
 * writes the same way.
 */
@ApplicationScoped
class OversizedRequests {

    static final String CODE = "request.too-large";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(-3).handler(ctx -> {
            if (declaredLength(ctx) > limit) {
                refuse(ctx, limit);
            } else {
                ctx.next();
            }
        });
        router.route().order(-3).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx, limit);
            } else {
                ctx.next();
            }
        });
    }

    private static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(RoutingContext ctx, long limit) {
        Problem problem = new Problem(
                Problem.typeFor(CODE),
                Problem.titleFor(413),
                413,
                "The request body is larger than the limit of " + limit + " bytes.",
                CODE,
                null,
                Map.of("maxBytes", limit));
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"code\":\"" + CODE + "\"}";
        }
        // the rest of the body is not read: close the connection once the answer is out, as Vert.x would
        ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(done -> ctx.request().connection().close())
                .end(body);
    }
}
