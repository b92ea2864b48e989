package org.atrium.live;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jboss.logging.Logger;

/**
 * Hands a live connection its account from the upgrade request, and lets that request go once the connection is open.
 *
 * <p>websockets-next keeps the upgrade's whole {@code RoutingContext} (the request and response with their headers and
 * query parameters, the request's data, the {@code SecurityIdentity}: about 3.5 KiB) for the connection's life when
 * the request has a user or a deferred identity when the upgrade completes, to serve the identity to the callbacks'
 * request context and to replace it ({@code WebSocketSecurity}). The live sockets use neither: the account is read
 * once, when the member joins. So this check, the last before the upgrade (after websockets-next's own security
 * checks), puts the identity in the connection's {@link UserData}, where {@link #take} finds it and removes it, and
 * takes the user and the deferred identity off the request.
 * The end of a sign-in is the sweep's work ({@link Connections}), as it was; websockets-next starts no expiry timer of its
 * own for a live connection now.
 *
 * <p>The request is reached through websockets-next's context class (as its own security interceptor does); where that
 * is not found the request is kept as before ({@link #releasesRequests()}; {@code LiveConnectionFootprintTest} fails).
 */
@ApplicationScoped
@Priority(Integer.MIN_VALUE + 1)
class UpgradeIdentity implements HttpUpgradeCheck {

    private static final UserData.TypedKey<SecurityIdentity> IDENTITY =
            new UserData.TypedKey<>("atrium.upgrade-identity");

    private static final MethodHandle ROUTING_CONTEXT = routingContextAccessor();

    private static MethodHandle routingContextAccessor() {
        try {
            Class<?> impl = Class.forName("io.quarkus.websockets.next.runtime.HttpUpgradeContextImpl");
            return MethodHandles.privateLookupIn(impl, MethodHandles.lookup())
                    .findVirtual(impl, "routingContext", MethodType.methodType(RoutingContext.class))
                    .asType(MethodType.methodType(RoutingContext.class, HttpUpgradeContext.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.getLogger(UpgradeIdentity.class)
                    .warnf("Live connections keep their upgrade request: websockets-next's internals moved (%s)", e);
            return null;
        }
    }

    /** Whether the upgrade's request can be let go (see the class comment). */
    static boolean releasesRequests() {
        return ROUTING_CONTEXT != null;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().onItem().transformToUni(identity -> {
            if (identity != null && !identity.isAnonymous()) {
                context.userData().put(IDENTITY, identity);
                RoutingContext request = routingContextOf(context);
                if (request != null) {
                    request.setUser(null);
                    request.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
                }
            }
            return CheckResult.permitUpgrade();
        });
    }

    private static RoutingContext routingContextOf(HttpUpgradeContext context) {
        if (ROUTING_CONTEXT == null || !ROUTING_CONTEXT.type().parameterType(0).isInstance(context)) {
            return null;
        }
        try {
            return (RoutingContext) ROUTING_CONTEXT.invoke(context);
        } catch (Throwable e) {
            return null;
        }
    }

    /** The account that opened {@code connection}, once: the connection keeps no reference to it afterwards. */
    static SecurityIdentity take(WebSocketConnection connection) {
        SecurityIdentity identity = connection.userData().remove(IDENTITY);
        if (identity == null) {
            throw new IllegalStateException("No identity from the upgrade of live connection " + connection.id());
        }
        return identity;
    }
}
