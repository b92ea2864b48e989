package org.atrium.registration;

/** How many registrations an event has in each state, against its capacity (null = unlimited). */
record CountsView(
        String event,
        Integer capacity,
        long pending,
        long confirmed,
        long waitlisted,
        long cancelled,
        long rejected,
        long total) {}
