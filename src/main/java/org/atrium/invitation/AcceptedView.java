package org.atrium.invitation;

/** The outcome of accepting: the caller now organises {@code eventSlug}, or is the account of {@code speakerId}. */
record AcceptedView(String eventSlug, Invitation.Kind kind, Long speakerId) {}
