package org.atrium.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits request bodies, and refuses what is over with a problem document. Every route takes at most {@code
 * atrium.http.max-body-size} (1 MiB), except the {@link LargeBodyRoute}s (a work's media upload), which take up to
 * their own limit; {@code quarkus.http.limits.max-body-size} is the transport's ceiling above all of them.
 *
 * <p>A declared {@code Content-Length} over the route's limit is refused before a byte is read. Vert.x checks its
 * ceiling at order -2 and answers with an empty 413; this route runs just before it (order -3). A body without a length
 * (chunked) is counted as it is read: Quarkus hands its ceiling to the request's input stream (the routing context's
 * {@code io.quarkus.max-request-size}), which a handler at order -1 lowers to the route's limit, or removes for a
 * large-body route, which counts itself; reading past it fails with 413, which the failure handler writes the same way.
 */
@ApplicationScoped
class OversizedRequests {

    static final String CODE = "request.too-large";

    /** Where Quarkus tells the request's input stream how much a body without a length may bring. */
    static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @ConfigProperty(name = "atrium.http.max-body-size", defaultValue = "1M")
    MemorySize ordinaryLimit;

    @Inject
    Instance<LargeBodyRoute> largeBodyRoutes;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        long ceiling = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long ordinary = Math.min(ordinaryLimit.asLongValue(), ceiling);
        List<LargeBodyRoute> routes = largeBodyRoutes.stream().toList();
        for (LargeBodyRoute route : routes) {
            if (route.maxBytes() > ceiling) {
                throw new IllegalStateException("A route takes bodies of up to " + route.maxBytes() + " bytes ("
                        + route.method() + " " + route.path() + ") but quarkus.http.limits.max-body-size is " + ceiling
                        + ": raise it too");
            }
        }
        router.route().order(-3).handler(ctx -> {
            LargeBodyRoute route = match(routes, ctx);
            long declared = declaredLength(ctx);
            if (route != null && declared > route.maxBytes()) {
                refuse(ctx, Problem.of(route.tooLarge(declared)));
            } else if (route == null && declared > ordinary) {
                refuse(ctx, ordinary);
            } else {
                ctx.next();
            }
        });
        router.route().order(-1).handler(ctx -> {
            if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
                if (match(routes, ctx) != null) {
                    ctx.remove(MAX_REQUEST_SIZE);
                } else {
                    ctx.put(MAX_REQUEST_SIZE, ordinary);
                }
            }
            ctx.next();
        });
        router.route().order(-3).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx, ordinary);
            } else {
                ctx.next();
            }
        });
    }

    private static LargeBodyRoute match(List<LargeBodyRoute> routes, RoutingContext ctx) {
        for (LargeBodyRoute route : routes) {
            if (route.method().equals(ctx.request().method().name())
                    && route.path().matcher(ctx.normalizedPath()).matches()) {
                return route;
            }
        }
        return null;
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
        refuse(
                ctx,
                new Problem(
                        Problem.typeFor(CODE),
                        Problem.titleFor(413),
                        413,
                        "The request body is larger than the limit of " + limit + " bytes.",
                        CODE,
                        null,
                        Map.of("maxBytes", limit)));
    }

    private void refuse(RoutingContext ctx, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"code\":\"" + problem.code() + "\"}";
        }
        // the rest of the body is not read: close the connection once the answer is out, as Vert.x would
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(done -> ctx.request().connection().close())
                .end(body);
    }
}
