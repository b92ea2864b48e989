package org.atrium.timezone;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;

/**
 * A zone as a person wrote it ({@code GMT+4}, {@code UTC-3:30}, {@code baku}) read by {@link ViewerZones}, the one
 * parser every zone field uses, without rendering anything else: the browser asks here while a viewer types, instead
 * of rendering a whole programme per spelling. Nothing is read from the database and nothing is kept.
 */
@Path("/api/zones")
class ZoneResource {

    /** The zone {@code input} names: its id (as responses use it and {@code Intl} accepts), kind and offset now. */
    public record ResolvedZoneView(String input, String id, ZoneView.Kind kind, String offset) {}

    @Inject
    Clock clock;

    /** 200 with the zone, or 400 {@code timezone.unknown} with {@code accepted} forms and {@code suggestions}. */
    @GET
    @Path("resolve")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public ResolvedZoneView resolve(@QueryParam("q") String q) {
        Instant now = clock.instant();
        ZoneView zone = ZoneView.of(ViewerZones.parse(q), null, now, now);
        return new ResolvedZoneView(q, zone.id(), zone.kind(), zone.offset());
    }
}
