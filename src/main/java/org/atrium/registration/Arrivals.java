package org.atrium.registration;

import jakarta.persistence.EntityManager;

/**
 * Arrival order (the waitlist order) of registrations and session sign-ups. A row that comes back to life after a
 * cancellation or rejection queues behind everyone already waiting, so it takes a new arrival number from its table's
 * sequence ({@code <table>_arrival}, see V20).
 */
final class Arrivals {

    enum Table {
        REGISTRATION("registration"),
        SESSION_REGISTRATION("session_registration");

        final String name;

        Table(String name) {
            this.name = name;
        }
    }

    private Arrivals() {}

    /** Flushes pending changes, then gives the row the next arrival number of its table. */
    static void requeue(EntityManager em, Table table, long id) {
        em.flush();
        em.createNativeQuery(
                        "update " + table.name + " set arrival = nextval('" + table.name + "_arrival') where id = ?1")
                .setParameter(1, id)
                .executeUpdate();
    }
}
