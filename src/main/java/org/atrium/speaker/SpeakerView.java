package org.atrium.speaker;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.atrium.security.Person;

/**
 * A speaker as clients see it. The account link ({@code accountSubject}, {@code accountEmail}) is shown only to the
 * event's organisers and to the linked speaker, with the linked person's name ({@code accountName}); everyone else
 * sees just whether the profile is {@code linked}. {@code photo} is what to show: the uploaded photo (see
 * {@code SpeakerPhotoResource}) or else the external {@code photoUrl}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SpeakerView(
        long id,
        String name,
        String bio,
        String affiliation,
        String country,
        String photoUrl,
        String photo,
        List<LinkView> links,
        boolean linked,
        Boolean mine,
        String accountSubject,
        String accountName,
        String accountEmail,
        long version) {

    record LinkView(String label, String url) {}

    /** {@code people} names the linked accounts (see {@link org.atrium.security.People}). */
    static SpeakerView of(Speaker s, boolean organiser, String caller, Map<String, Person> people) {
        boolean mine = s.isAccount(caller);
        boolean private_ = organiser || mine;
        return new SpeakerView(
                s.id,
                s.name,
                s.bio,
                s.affiliation,
                s.country,
                s.photoUrl,
                s.photoLink(s.event.slug),
                s.links.stream().map(l -> new LinkView(l.label, l.url)).toList(),
                s.accountSubject != null,
                mine,
                private_ ? s.accountSubject : null,
                private_ && s.accountSubject != null && people.containsKey(s.accountSubject)
                        ? people.get(s.accountSubject).name()
                        : null,
                private_ ? s.accountEmail : null,
                s.version);
    }
}
