package org.atrium.notification;

/** What a recipient can turn off as a whole (preferences, one-click unsubscribe). */
public enum Category {
    REGISTRATION,
    REMINDER,
    SCHEDULE
}
