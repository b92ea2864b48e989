package org.atrium.schedule;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A venue as clients see it (called {@code RoomView} in the OpenAPI document and a room on the wire; see
 * {@link Venue}). The join URL is for the event's organisers here; attendees get it through the features
 * that admit them to a session (registration, live rooms), so it never appears in public listings.
 */
@Schema(name = "RoomView")
record VenueView(long id, String name, Integer capacity, String joinUrl, Venue.Kind kind, long version) {

    static VenueView of(Venue r, boolean withJoinUrl) {
        return new VenueView(r.id, r.name, r.capacity, withJoinUrl ? r.joinUrl : null, r.kind, r.version);
    }
}
