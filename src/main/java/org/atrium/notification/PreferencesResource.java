package org.atrium.notification;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Clock;
import org.atrium.security.CurrentUser;

/** The signed-in account's notification preferences. */
@Path("/api/me/notification-preferences")
public class PreferencesResource {

    @Inject
    CurrentUser user;

    @Inject
    NotificationConfig config;

    @Inject
    Clock clock;

    @GET
    @Authenticated
    @Transactional
    public PreferencesView get() {
        String subject = user.requireSubject();
        NotificationPreference p = NotificationPreference.findById(subject);
        return PreferencesView.of(p != null ? p : NotificationPreference.defaults(subject, config));
    }

    @PUT
    @Authenticated
    @Transactional
    public PreferencesView put(@Valid @NotNull PreferencesForm form) {
        NotificationPreference p = Preferences.of(user.requireSubject(), config);
        p.registration = form.registration();
        p.reminders = form.reminders();
        p.schedule = form.schedule();
        p.eventLeadMinutes = form.eventReminderMinutes();
        p.sessionLeadMinutes = form.sessionReminderMinutes();
        p.updatedAt = clock.instant();
        return PreferencesView.of(p);
    }
}
