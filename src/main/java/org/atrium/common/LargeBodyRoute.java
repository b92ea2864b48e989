package org.atrium.common;

import java.util.regex.Pattern;

/**
 * A route that takes bodies larger than {@code atrium.http.max-body-size} (every other route's limit), up to its own
 * {@link #maxBytes()}, and counts what it reads itself ({@link OversizedRequests} lets its chunked bodies through
 * uncounted). Its limit must be within {@code quarkus.http.limits.max-body-size}, the transport's ceiling.
 */
public interface LargeBodyRoute {

    /** The HTTP method, e.g. {@code POST}. */
    String method();

    /** The whole request path. */
    Pattern path();

    long maxBytes();

    /** The refusal of a declared {@code Content-Length} over {@link #maxBytes()}, answered before reading. */
    DomainException tooLarge(long declaredLength);
}
