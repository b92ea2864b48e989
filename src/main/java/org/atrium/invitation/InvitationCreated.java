package org.atrium.invitation;

/**
 * Fired (a CDI event) inside the transaction that creates an invitation: the notifications feature writes the e-mail
 * that carries the link into its outbox in the same transaction (src/docs/notifications.md). The create request still
 * answers with the link too. {@code link} carries the single-use token: never log it.
 */
public record InvitationCreated(
        long invitationId,
        long eventId,
        String eventSlug,
        String eventTitle,
        Invitation.Kind kind,
        String email,
        String speakerName,
        String invitedByName,
        String link) {}
