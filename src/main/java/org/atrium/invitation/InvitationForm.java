package org.atrium.invitation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An organiser invites {@code email} as a co-organiser, or as the account of speaker {@code speakerId}. */
record InvitationForm(
        @NotNull Invitation.Kind kind,
        @NotBlank @Email @Size(max = 320) String email,
        Long speakerId) {}
