package org.atrium.notification;

/** Finds or creates (with the defaults) an account's preference row in the current transaction. */
final class Preferences {

    private Preferences() {}

    static NotificationPreference of(String subject, NotificationConfig config) {
        NotificationPreference p = NotificationPreference.findById(subject);
        if (p == null) {
            p = NotificationPreference.defaults(subject, config);
            p.updatedAt = java.time.Instant.EPOCH;
            p.persist();
        }
        return p;
    }
}
