package org.atrium.invitation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An invitation as the event's organisers see it. {@code link} (which carries the token) is in the answer to the
 * request that created it and nowhere else: Atrium keeps only the token's hash.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InvitationView(
        long id,
        Invitation.Kind kind,
        String email,
        Long speakerId,
        String speakerName,
        Invitation.State state,
        Instant createdAt,
        Instant expiresAt,
        String invitedByName,
        String acceptedByName,
        Instant acceptedAt,
        String link) {}
