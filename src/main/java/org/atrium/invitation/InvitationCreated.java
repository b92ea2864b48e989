package org.atrium.invitation;

/**
 * Fired (a CDI event) when an organiser creates an invitation. This is the seam for sending it by e-mail: nothing
 * observes it yet (the notifications feature will, after commit, with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}); until then the organiser passes on the link that the
 * create request answers with. {@code link} carries the single-use token: never log it.
 */
public record InvitationCreated(
        long invitationId,
        String eventSlug,
        String eventTitle,
        Invitation.Kind kind,
        String email,
        String speakerName,
        String invitedByName,
        String link) {}
