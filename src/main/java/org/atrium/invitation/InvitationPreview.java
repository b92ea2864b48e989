package org.atrium.invitation;

import java.time.Instant;

/** What the holder of an invitation link sees before accepting it (the token is the only credential needed). */
record InvitationPreview(
        String eventSlug,
        String eventTitle,
        Invitation.Kind kind,
        String speakerName,
        String invitedByName,
        Invitation.State state,
        Instant expiresAt) {}
