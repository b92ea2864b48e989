package org.atrium.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's choices; no row means the defaults (everything on, default reminder leads). */
@Entity
@Table(name = "notification_preference")
class NotificationPreference extends PanacheEntityBase {

    @Id
    String subject;

    @Column(nullable = false)
    boolean registration = true;

    @Column(nullable = false)
    boolean reminders = true;

    @Column(nullable = false)
    boolean schedule = true;

    /** Minutes before the event; null: no event reminder. */
    @Column(name = "event_lead_minutes")
    Integer eventLeadMinutes;

    /** Minutes before each starred or signed-up session; null: no session reminders. */
    @Column(name = "session_lead_minutes")
    Integer sessionLeadMinutes;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    static NotificationPreference defaults(String subject, NotificationConfig config) {
        NotificationPreference p = new NotificationPreference();
        p.subject = subject;
        p.eventLeadMinutes = (int) config.eventReminder().toMinutes();
        p.sessionLeadMinutes = (int) config.sessionReminder().toMinutes();
        return p;
    }

    boolean wants(Category category) {
        return switch (category) {
            case REGISTRATION -> registration;
            case REMINDER -> reminders;
            case SCHEDULE -> schedule;
            case INVITATION -> true;
        };
    }

    void set(Category category, boolean on) {
        switch (category) {
            case REGISTRATION -> registration = on;
            case REMINDER -> reminders = on;
            case SCHEDULE -> schedule = on;
            case INVITATION -> {}
        }
    }
}
