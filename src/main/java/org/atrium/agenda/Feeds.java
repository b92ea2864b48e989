package org.atrium.agenda;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.atrium.common.EntityTags;

/**
 * Answers for feeds that clients poll (calendar apps, conference apps): a strong ETag over the bytes, so an
 * unchanged feed costs a 304 and no body.
 */
final class Feeds {

    private Feeds() {}

    static Response.ResponseBuilder ok(Request request, byte[] body, String mediaType) {
        EntityTag tag = new EntityTag(sha256(body));
        Response.ResponseBuilder notModified = EntityTags.notModified(request, tag);
        if (notModified != null) {
            return notModified;
        }
        return Response.ok(body, mediaType).tag(tag);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
