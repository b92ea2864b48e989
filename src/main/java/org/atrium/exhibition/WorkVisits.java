package org.atrium.exhibition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.atrium.registration.Participation;

/**
 * Who may enter a work's live room and who moderates it, asked by the live hub (one rule, one home: the exhibition
 * decides who sees a gallery). The rule is the REST one ({@link Exhibitions#access}): a draft gallery (or a draft
 * event's) is known only to the event's curators and organisers, a published gallery admits whoever may see the event,
 * a gallery for registered participants admits the event's confirmed participants; curators and organisers always
 * enter, and they moderate the work's guestbook.
 */
@ApplicationScoped
public class WorkVisits {

    /** What an account may do in a work's room. */
    public enum Verdict {
        /** No such work, or one the account may not know of (a draft gallery or event). */
        NOT_FOUND,
        /** The gallery is for the event's registered participants and the account is not a confirmed one. */
        REGISTERED_ONLY,
        ADMITTED
    }

    /**
     * The answer for one account and work: the work's event, whether the account curates (moderates) or organises
     * the event, and whether the work's gallery holds guestbook entries for approval.
     */
    public record Visit(Verdict verdict, long eventId, boolean curator, boolean organiser, boolean premoderation) {

        static Visit of(Verdict verdict) {
            return new Visit(verdict, 0, false, false, false);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Exhibitions exhibitions;

    @Inject
    Participation participation;

    /** Reads the work, its gallery and the account's roles; call inside a transaction. */
    public Visit visit(long workId, String subject) {
        Work work = em.find(Work.class, workId);
        if (work == null) {
            return Visit.of(Verdict.NOT_FOUND);
        }
        Gallery gallery = work.gallery;
        long eventId = work.event.id;
        boolean organiser = work.event.isOrganiser(subject);
        boolean curator = organiser || exhibitions.isCurator(eventId, subject);
        if (curator) {
            return new Visit(Verdict.ADMITTED, eventId, true, organiser, gallery.premoderation);
        }
        if (!work.event.isVisibleTo(subject) || gallery.visibility == Gallery.Visibility.DRAFT) {
            return Visit.of(Verdict.NOT_FOUND);
        }
        if (gallery.visibility == Gallery.Visibility.REGISTERED && !participation.isConfirmed(eventId, subject)) {
            return new Visit(Verdict.REGISTERED_ONLY, eventId, false, false, gallery.premoderation);
        }
        return new Visit(Verdict.ADMITTED, eventId, false, false, gallery.premoderation);
    }
}
