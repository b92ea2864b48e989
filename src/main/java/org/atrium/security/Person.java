package org.atrium.security;

/**
 * A person as other features show them: the subject (the key rights use), a display name and the e-mail address
 * (features decide who may see it). {@code name} is null only for a subject that has never signed in.
 */
public record Person(String subject, String name, String email) {

    static Person of(Account account) {
        return new Person(account.subject, account.displayName(), account.email);
    }

    static Person unknown(String subject) {
        return new Person(subject, null, null);
    }
}
