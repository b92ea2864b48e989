package org.atrium.speaker;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.Images;
import org.atrium.common.StoredImage;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.security.CurrentUser;
import org.atrium.security.People;

/**
 * A speaker's uploaded photo. The body of a {@code PUT} is the image file itself (PNG or JPEG, whatever the declared
 * type; see {@link Images}); only the speaker themself (the linked account) or an organiser of the event may set or
 * remove it. It is served to whoever may see the profile.
 */
@Path("/api/events/{slug}/speakers/{id}/photo")
class SpeakerPhotoResource {

    @Inject
    Events events;

    @Inject
    CurrentUser user;

    @Inject
    Bounds bounds;

    @Inject
    People people;

    @Inject
    Clock clock;

    /** The photo as stored; {@code v} (the version the profile names) makes it cacheable for good. */
    @GET
    @PermitAll
    @Produces({"image/png", "image/jpeg"})
    public Response get(
            @PathParam("slug") String slug,
            @PathParam("id") long id,
            @QueryParam("v") Long version,
            @Context Request request) {
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        Speaker speaker = events.ofEvent(Speaker.class, event, id).orElse(null);
        String me = user.subject().orElse(null);
        if (speaker == null || !speaker.isAccount(me)) {
            events.visible(slug);
        }
        if (speaker == null) {
            throw DomainException.notFound("photo");
        }
        return StoredImage.serve(speaker.photoImageId, version, event.status == Event.Status.DRAFT, request, "photo");
    }

    /** Replaces the photo with the uploaded image (re-encoded); answers the profile. */
    @PUT
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public SpeakerView put(@PathParam("slug") String slug, @PathParam("id") long id, byte[] body) {
        editable(slug, id); // refused before any decoding
        // decoded outside the transaction: a large photo takes up to a second, which no database connection waits for
        Images.Processed image = Images.normalise(body, Images.Limits.of(bounds));
        return QuarkusTransaction.requiringNew().call(() -> {
            Editing editing = editable(slug, id);
            Long old = editing.speaker.photoImageId;
            editing.speaker.photoImageId = StoredImage.store(image, Instant.now(clock)).id;
            editing.speaker.persistAndFlush();
            StoredImage.discard(old);
            return view(editing);
        });
    }

    /** Removes the uploaded photo (an external {@code photoUrl} stays). */
    @DELETE
    @Authenticated
    @Transactional
    public SpeakerView delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        Editing editing = editable(slug, id);
        Long old = editing.speaker.photoImageId;
        editing.speaker.photoImageId = null;
        editing.speaker.persistAndFlush();
        StoredImage.discard(old);
        return view(editing);
    }

    private record Editing(Speaker speaker, boolean organiser, String me) {}

    /** The profile if the caller is its speaker or an organiser: 404 when they cannot see it, else 403. */
    private Editing editable(String slug, long id) {
        String me = user.requireSubject();
        Event event = events.find(slug).orElseThrow(() -> DomainException.notFound("event"));
        Speaker speaker = events.ofEvent(Speaker.class, event, id).orElse(null);
        if (speaker == null || !speaker.isAccount(me)) {
            events.visible(slug);
        }
        if (speaker == null) {
            throw DomainException.notFound("speaker");
        }
        boolean organiser = events.callerOrganises(event);
        if (!organiser && !speaker.isAccount(me)) {
            throw DomainException.forbidden("Only this speaker and the event's organisers may change the photo.");
        }
        return new Editing(speaker, organiser, me);
    }

    private SpeakerView view(Editing e) {
        Speaker s = e.speaker();
        return SpeakerView.of(
                s,
                e.organiser(),
                e.me(),
                s.accountSubject != null ? people.of(List.of(s.accountSubject)) : java.util.Map.of());
    }
}
