package org.atrium.live;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Live connection tickets: {@code POST /api/live/tickets} with the access token, then open the live connection with
 * {@code ?ticket=} within {@code atrium.live.ticket-ttl} (src/docs/live-protocol.md).
 */
@Path("/api/live/tickets")
@Authenticated
class LiveTicketResource {

    /** The answer's shape, for the OpenAPI document; it is written by {@link #json}. */
    record TicketView(String ticket, Instant expiresAt) {}

    @Inject
    LiveTickets tickets;

    @Inject
    SecurityIdentity identity;

    /** On the event loop: minting seals the grant in memory (no database), and a join storm must not grow the worker pool. */
    @POST
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TicketView.class)))
    public Response create() {
        LiveTickets.Issued issued = tickets.issue(LiveTickets.Grant.of(identity));
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(json(issued))
                .build();
    }

    /**
     * The ticket as {@link TicketView}'s JSON, written directly: a ticket is base64url and an instant's ISO form has
     * nothing to escape, and a keynote's join storm mints thousands a second (through Jackson, a fifth of this
     * request's CPU in a profile).
     */
    static String json(LiveTickets.Issued issued) {
        return "{\"ticket\":\"" + issued.ticket() + "\",\"expiresAt\":\"" + issued.expiresAt() + "\"}";
    }
}
