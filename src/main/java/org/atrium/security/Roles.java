package org.atrium.security;

/** Role names granted by the identity provider. Per-event rights (organiser of X) live in the features. */
public final class Roles {
    /** May create events when {@code atrium.organising.role} names it. */
    public static final String ORGANISER = "organiser";
    /** Operators of the whole installation. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
