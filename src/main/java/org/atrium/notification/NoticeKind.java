package org.atrium.notification;

/** Each kind of message, its category and its template ({@code templates/notification/<template>.txt|html}). */
enum NoticeKind {
    REGISTRATION_RECEIVED(Category.REGISTRATION, "registration"),
    REGISTRATION_CONFIRMED(Category.REGISTRATION, "registration"),
    REGISTRATION_WAITLISTED(Category.REGISTRATION, "registration"),
    REGISTRATION_PROMOTED(Category.REGISTRATION, "registration"),
    REGISTRATION_CANCELLED(Category.REGISTRATION, "registration"),
    REGISTRATION_REJECTED(Category.REGISTRATION, "registration"),
    EVENT_REMINDER(Category.REMINDER, "reminder"),
    SESSION_REMINDER(Category.REMINDER, "reminder"),
    SESSION_CHANGED(Category.SCHEDULE, "schedule-change"),
    SESSION_CANCELLED(Category.SCHEDULE, "schedule-change"),
    SPEAKER_INVITED(Category.INVITATION, "invitation"),
    ORGANISER_INVITED(Category.INVITATION, "invitation");

    final Category category;
    final String template;

    NoticeKind(Category category, String template) {
        this.category = category;
        this.template = template;
    }
}
