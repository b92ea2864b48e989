package org.atrium.notification;

/** An account's notification choices as they apply (defaults when never changed). */
record PreferencesView(
        boolean registration,
        boolean reminders,
        boolean schedule,
        Integer eventReminderMinutes,
        Integer sessionReminderMinutes) {

    static PreferencesView of(NotificationPreference p) {
        return new PreferencesView(p.registration, p.reminders, p.schedule, p.eventLeadMinutes, p.sessionLeadMinutes);
    }
}
