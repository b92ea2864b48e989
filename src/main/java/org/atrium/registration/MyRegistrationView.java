package org.atrium.registration;

import java.util.List;
import org.atrium.event.Event;

/** One of the caller's registrations, with the event it is for and the caller's session sign-ups there. */
record MyRegistrationView(
        String event,
        String eventTitle,
        Event.Status eventStatus,
        RegistrationView registration,
        List<SessionSignupView> sessions) {}
