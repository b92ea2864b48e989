package org.atrium.live;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.atrium.event.Event;
import org.atrium.event.Events;

/** An event's banned words: chat lines containing one (as a whole word, any case) are refused to their sender. */
@Path("/api/events/{slug}/banned-words")
@Authenticated
class BannedWordsResource {

    record BannedWordsForm(@NotNull @Size(max = 500) List<@NotBlank @Size(max = 100) String> words) {}

    record BannedWordsView(List<String> words) {}

    @Inject
    Events events;

    @Inject
    EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<BannedWordsChanged> changes;

    @GET
    @Transactional
    public BannedWordsView get(@PathParam("slug") String slug) {
        Event event = events.organised(slug);
        return new BannedWordsView(load(event.id));
    }

    @PUT
    @Transactional
    public BannedWordsView put(@PathParam("slug") String slug, @Valid @NotNull BannedWordsForm form) {
        Event event = events.organised(slug);
        TreeSet<String> words = new TreeSet<>();
        form.words().forEach(w -> words.add(w.strip().toLowerCase(Locale.ROOT)));
        em.createNativeQuery("delete from live_banned_word where event_id = ?1")
                .setParameter(1, event.id)
                .executeUpdate();
        for (String w : words) {
            em.createNativeQuery("insert into live_banned_word (event_id, word) values (?1, ?2)")
                    .setParameter(1, event.id)
                    .setParameter(2, w)
                    .executeUpdate();
        }
        changes.fire(new BannedWordsChanged(event.id));
        return new BannedWordsView(List.copyOf(words));
    }

    private List<String> load(long eventId) {
        return em.createNativeQuery("select word from live_banned_word where event_id = ?1 order by word", String.class)
                .setParameter(1, eventId)
                .getResultList();
    }
}
