package org.atrium.registration;

import java.time.Instant;

/** A registration as its owner and the event's organisers see it (nobody else sees it). */
record RegistrationView(
        long id,
        String event,
        String subject,
        String displayName,
        String email,
        String affiliation,
        String country,
        String timeZone,
        String notes,
        Registration.State state,
        /* 1-based place on the waitlist; null unless WAITLISTED */
        Integer waitlistPosition,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static RegistrationView of(Registration r, String eventSlug, Integer waitlistPosition) {
        return new RegistrationView(
                r.id,
                eventSlug,
                r.subject,
                r.displayName,
                r.email,
                r.affiliation,
                r.country,
                r.timeZone,
                r.notes,
                r.state,
                r.state == Registration.State.WAITLISTED ? waitlistPosition : null,
                r.createdAt,
                r.updatedAt,
                r.version);
    }
}
