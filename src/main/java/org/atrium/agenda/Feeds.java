package org.atrium.agenda;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import org.atrium.common.EntityTags;
import org.atrium.common.PublicRenderings;
import org.atrium.event.Event;
import org.atrium.event.Events;

/**
 * Answers for feeds that clients poll (calendar apps, conference apps): a strong ETag over the bytes, so an
 * unchanged feed costs a 304 and no body.
 */
final class Feeds {

    private Feeds() {}

    static Response.ResponseBuilder ok(Request request, byte[] body, String mediaType) {
        return ok(request, new PublicRenderings.Rendered(body, mediaType, sha256(body)));
    }

    static Response.ResponseBuilder ok(Request request, PublicRenderings.Rendered rendered) {
        EntityTag tag = new EntityTag(rendered.tag());
        Response.ResponseBuilder notModified = EntityTags.notModified(request, tag);
        if (notModified != null) {
            return notModified;
        }
        return Response.ok(rendered.body(), rendered.mediaType()).tag(tag);
    }

    /**
     * A whole event's feed, kept by {@link PublicRenderings} under {@code key} while the event is published (a draft's
     * is rendered for each organiser's request).
     */
    static PublicRenderings.Rendered ofEvent(
            PublicRenderings renderings,
            String key,
            Events events,
            String slug,
            String mediaType,
            Function<Event, byte[]> render) {
        return renderings.get(key, () -> {
            Event event = events.visible(slug);
            byte[] body = render.apply(event);
            return new PublicRenderings.Shareable(
                    new PublicRenderings.Rendered(body, mediaType, sha256(body)), event.status != Event.Status.DRAFT);
        });
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
