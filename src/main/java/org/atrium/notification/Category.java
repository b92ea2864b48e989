package org.atrium.notification;

/** What a recipient can turn off as a whole (preferences, one-click unsubscribe). */
public enum Category {
    REGISTRATION,
    REMINDER,
    SCHEDULE,
    /** Invitations to speak or organise: sent to an address, not an account, and not something to turn off. */
    INVITATION
}
