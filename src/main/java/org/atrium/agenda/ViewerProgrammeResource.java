package org.atrium.agenda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atrium.common.DomainException;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.registration.Participation;
import org.atrium.security.CurrentUser;
import org.atrium.timezone.LocalTimes;
import org.atrium.timezone.ViewerZone;
import org.atrium.timezone.ViewerZones;

/** The programme and single sessions on the viewer's clock, and the organisers' zone-fairness view. */
@Path("/api/events/{slug}")
@Produces(MediaType.APPLICATION_JSON)
class ViewerProgrammeResource {

    static final int MAX_ZONES = 24;

    @Inject
    Events events;

    @Inject
    Slots slots;

    @Inject
    Viewers viewers;

    @Inject
    Participation participation;

    @Inject
    PublicRenderings renderings;

    @Inject
    CurrentUser user;

    @Inject
    ObjectMapper json;

    /**
     * The whole programme grouped by the viewer's local date ({@code tz}, else profile, else event zone). Kept rendered
     * per zone (within {@link org.atrium.common.Bounds#publicRenderings()}) while the event is published, unless it
     * depends on a signed-in viewer's profile (no {@code tz}). The body depends only on the zone {@code tz} names, so
     * it is kept under that zone's canonical id: {@code GMT+4}, {@code utc+4} and {@code +0400} share one body, and a
     * caller cannot fill the kept renderings with spellings. A {@code tz} that is not understood is never kept.
     */
    @GET
    @Path("programme")
    @PermitAll
    public Response programme(@PathParam("slug") String slug, @QueryParam("tz") String tz) {
        boolean explicit = tz != null && !tz.isEmpty();
        Optional<ZoneId> asked = explicit ? ViewerZones.tryParse(tz) : Optional.empty();
        if (explicit ? asked.isEmpty() : user.subject().isPresent()) {
            // a viewer's own zone, or a zone not understood (its 400 comes after the event's 404, as always)
            Event event = events.visible(slug);
            return Response.ok(ViewerProgrammeView.of(event, viewers.zone(event, tz), slots.ofEvent(event)))
                    .build();
        }
        String key = "programme-tz " + slug + " " + asked.map(ZoneId::getId).orElse("-");
        PublicRenderings.Rendered rendered = renderings.get(key, () -> {
            Event event = events.visible(slug);
            ViewerZone viewer = viewers.zone(event, tz);
            byte[] body = bytes(ViewerProgrammeView.of(event, viewer, slots.ofEvent(event)));
            return new PublicRenderings.Shareable(
                    PublicRenderings.Rendered.of(body, MediaType.APPLICATION_JSON), event.status != Event.Status.DRAFT);
        });
        return Response.ok(rendered.body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One session's local time in each zone of {@code zones} (comma-separated), the viewer's and the event's. */
    @GET
    @Path("sessions/{id}/times")
    @PermitAll
    public ZoneTimesView times(
            @PathParam("slug") String slug,
            @PathParam("id") long id,
            @QueryParam("zones") String zones,
            @QueryParam("tz") String tz) {
        Event event = events.visible(slug);
        ViewerZone viewer = viewers.zone(event, tz);
        return ZoneTimesView.of(slots.one(event, id), viewer, event.zone(), requested(zones));
    }

    /** Organisers: how a session's slot (or a candidate slot given by start and end) falls for the participants. */
    @GET
    @Path("sessions/{id}/fairness")
    @Authenticated
    public FairnessView sessionFairness(
            @PathParam("slug") String slug,
            @PathParam("id") long id,
            @QueryParam("start") String start,
            @QueryParam("end") String end) {
        Event event = events.organised(slug);
        Slot slot = slots.one(event, id);
        if (start == null && end == null) {
            return FairnessView.of(
                    slot.id(), false, slot.start(), slot.end(), event.zone(), participation.confirmedZones(event.id));
        }
        return candidate(event, slot.id(), start, end);
    }

    /** Organisers: how a candidate slot would fall for the event's participants. */
    @GET
    @Path("fairness")
    @Authenticated
    public FairnessView candidateFairness(
            @PathParam("slug") String slug, @QueryParam("start") String start, @QueryParam("end") String end) {
        return candidate(events.organised(slug), null, start, end);
    }

    private FairnessView candidate(Event event, Long sessionId, String start, String end) {
        Instant from = LocalTimes.parse("start", start, event.zone());
        Instant to = LocalTimes.parse("end", end, event.zone());
        if (!to.isAfter(from)) {
            throw new DomainException(400, "time.end-before-start", "end must be after start.", Map.of("field", "end"));
        }
        return FairnessView.of(sessionId, true, from, to, event.zone(), participation.confirmedZones(event.id));
    }

    static List<ZoneTimesView.Requested> requested(String zones) {
        if (zones == null || zones.isBlank()) {
            return List.of();
        }
        List<String> inputs =
                Arrays.stream(zones.split(",")).filter(z -> !z.isBlank()).toList();
        if (inputs.size() > MAX_ZONES) {
            throw new DomainException(
                    400,
                    "timezone.too-many",
                    "Ask for at most " + MAX_ZONES + " zones at once.",
                    Map.of("field", "zones", "max", MAX_ZONES));
        }
        List<ZoneTimesView.Requested> result = new ArrayList<>();
        for (String input : inputs) {
            result.add(new ZoneTimesView.Requested(input.strip(), ViewerZones.parse(input)));
        }
        return result;
    }
}
