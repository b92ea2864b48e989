package org.atrium.common;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Conditional GETs for every body sent with a strong ETag (the programme, the calendar and schedule feeds): one answer
 * to {@code If-None-Match}, through JAX-RS {@link Request#evaluatePreconditions(EntityTag)}.
 */
public final class EntityTags {

    private EntityTags() {}

    /**
     * A 304 builder when {@code If-None-Match} names {@code tag} (or is {@code *}), else null. RFC 9110 compares
     * If-None-Match weakly, so {@code W/"x"} matches {@code "x"} (a proxy that compresses bodies hands the tag back
     * weakened); RESTEasy Reactive compares strongly, hence the second, weak evaluation.
     */
    public static Response.ResponseBuilder notModified(Request request, EntityTag tag) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified == null && !tag.isWeak()) {
            notModified = request.evaluatePreconditions(new EntityTag(tag.getValue(), true));
        }
        return notModified == null ? null : notModified.tag(tag);
    }
}
