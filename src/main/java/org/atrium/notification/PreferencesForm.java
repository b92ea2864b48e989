package org.atrium.notification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An account's notification choices: each category on or off, and the reminder leads in minutes (null turns that
 * reminder off; at most 14 days).
 */
record PreferencesForm(
        @NotNull Boolean registration,
        @NotNull Boolean reminders,
        @NotNull Boolean schedule,
        @Min(1) @Max(20160) Integer eventReminderMinutes,
        @Min(1) @Max(20160) Integer sessionReminderMinutes) {}
