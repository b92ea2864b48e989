package org.atrium.live;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.atrium.common.Resumed;
import org.atrium.security.Accounts;

/**
 * Authenticates a live handshake by its ticket: only requests under {@code /live/} with a {@code ticket} query
 * parameter, which it consumes (an unknown, expired or used ticket is a 401, not an upgrade). It runs before OIDC;
 * every other request passes on to OIDC untouched, so bearer headers and the sub-protocol header still work.
 */
@ApplicationScoped
class TicketAuthentication implements HttpAuthenticationMechanism {

    static final String PATH_PREFIX = "/live/";
    static final String PARAMETER = "ticket";

    /** The ticket of a live handshake, and the room it asks for (the path after {@code /live/}). */
    static final class TicketRequest extends BaseAuthenticationRequest {
        final String ticket;
        final String room;

        TicketRequest(String ticket, String room) {
            this.ticket = ticket;
            this.room = room;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String ticket = ticketOf(context);
        if (ticket == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TicketRequest(ticket, context.normalizedPath().substring(PATH_PREFIX.length())), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // a refused ticket gets a bare 401; other requests get OIDC's challenge
        return ticketOf(context) == null
                ? Uni.createFrom().nullItem()
                : Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TicketRequest.class);
    }

    /** Ahead of OIDC (default priority), so a ticket handshake never reaches the token verifier. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    private static String ticketOf(RoutingContext context) {
        String path = context.normalizedPath();
        if (path == null || !path.startsWith(PATH_PREFIX)) {
            return null;
        }
        String ticket = context.request().getParam(PARAMETER);
        return ticket == null || ticket.isEmpty() ? null : ticket;
    }

    /**
     * Turns a ticket into the small identity a live connection keeps: subject, roles, display name, and its token's
     * expiry, sign-in session and issue time (which the connection's resume ticket carries on).
     */
    @ApplicationScoped
    static class Provider implements IdentityProvider<TicketRequest> {

        @Inject
        LiveTickets tickets;

        @Override
        public Class<TicketRequest> getRequestType() {
            return TicketRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TicketRequest request, AuthenticationRequestContext context) {
            // redeeming writes to the database (single use across nodes) in batches, on a worker that holds no
            // handshake
            return Resumed.here(tickets.redeem(request.ticket, request.room))
                    .map(grant -> grant.map(Provider::identityOf)
                            .orElseThrow(
                                    () -> new AuthenticationFailedException("unknown, expired or used live ticket")));
        }

        static SecurityIdentity identityOf(LiveTickets.Grant grant) {
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(grant.subject()))
                    .addRoles(grant.roles())
                    .addAttribute(Accounts.DISPLAY_NAME, grant.displayName());
            grant.tokenExpiresAt()
                    .ifPresent(at -> identity.addAttribute(Accounts.TOKEN_EXPIRES_AT, at.getEpochSecond()));
            grant.session().ifPresent(sid -> identity.addAttribute(Accounts.SESSION, sid));
            grant.tokenIssuedAt().ifPresent(at -> identity.addAttribute(Accounts.TOKEN_ISSUED_AT, at.getEpochSecond()));
            return identity.build();
        }
    }
}
