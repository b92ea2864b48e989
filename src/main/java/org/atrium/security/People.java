package org.atrium.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns subjects into people, from the accounts that have signed in. Atrium trusts one issuer at a time; when a subject
 * was seen under several issuers, the most recently seen account speaks for it.
 */
@ApplicationScoped
public class People {

    /** The people behind {@code subjects}, in the given order; one query whatever their number. */
    public Map<String, Person> of(Collection<String> subjects) {
        Map<String, Person> people = new LinkedHashMap<>();
        if (subjects.isEmpty()) {
            return people;
        }
        List<Account> accounts = Account.<Account>find("subject in ?1 order by lastSeenAt", List.copyOf(subjects))
                .list();
        accounts.forEach(a -> people.put(a.subject, Person.of(a)));
        Map<String, Person> ordered = new LinkedHashMap<>();
        subjects.forEach(s -> ordered.put(s, people.getOrDefault(s, Person.unknown(s))));
        return ordered;
    }

    public Person one(String subject) {
        return of(List.of(subject)).get(subject);
    }
}
