package org.atrium.agenda;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.atrium.common.DomainException;
import org.atrium.common.PublicBaseUrl;
import org.atrium.registration.Participation;
import org.atrium.security.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The personal calendar feed: the sessions an account starred or holds a place in, across events, at a secret URL
 * that calendar apps subscribe to ({@code webcal://}). Creating again rotates the secret; revoking ends it.
 */
@Path("/api")
class FeedResource {

    @Inject
    FeedTokens tokens;

    @Inject
    Stars stars;

    @Inject
    Participation participation;

    @Inject
    Slots slots;

    @Inject
    PublicBaseUrl baseUrl;

    @Inject
    CurrentUser user;

    /** The feed's URL is returned only here, once: the server keeps a hash of it. */
    record FeedView(boolean active, Instant createdAt, String url, String webcalUrl) {}

    @GET
    @Path("me/calendar-feed")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public FeedView status() {
        return tokens.of(user.requireSubject())
                .map(f -> new FeedView(true, f.createdAt, null, null))
                .orElse(new FeedView(false, null, null, null));
    }

    /** Creates the feed URL, or replaces it (the old URL stops working at once). */
    @POST
    @Path("me/calendar-feed")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    @APIResponse(
            responseCode = "201",
            description = "A new feed URL (any earlier one stops working)",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedView.class)))
    public Response rotate(@Context UriInfo uri) {
        FeedTokens.Issued issued = tokens.rotate(user.requireSubject());
        String url = baseUrl.of(uri) + "/api/feeds/" + issued.token() + ".ics";
        String webcal = url.replaceFirst("^https?://", "webcal://");
        return Response.status(201)
                .header("Cache-Control", "no-store")
                .entity(new FeedView(true, issued.createdAt(), url, webcal))
                .build();
    }

    @DELETE
    @Path("me/calendar-feed")
    @Authenticated
    public void revoke() {
        tokens.revoke(user.requireSubject());
    }

    @GET
    @Path("feeds/{token}.ics")
    @Produces(ICalendars.MEDIA_TYPE)
    @PermitAll
    public Response feed(
            @PathParam("token") String token, @Context UriInfo uri, @Context jakarta.ws.rs.core.Request request) {
        String subject = tokens.owner(token).orElseThrow(() -> DomainException.notFound("feed"));
        Set<Long> ids = new LinkedHashSet<>(stars.of(subject));
        ids.addAll(participation.signedUpSessions(subject));
        List<Slot> mine = slots.byIds(ids);
        String text = ICalendars.write(
                new ICalendars.Feed("My Atrium agenda", "Sessions I starred or signed up for", null),
                mine,
                baseUrl.of(uri));
        return Feeds.ok(request, ICalendars.bytes(text), ICalendars.MEDIA_TYPE)
                .header("Cache-Control", "private, no-cache")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
