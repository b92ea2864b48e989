package org.atrium.common;

import java.util.Map;

/**
 * A refusal the client can act on: carries an HTTP status, a stable machine-readable code (e.g. {@code
 * registration.full}) and optional extra members for the problem document. The REST mapper writes it as RFC 9457
 * {@code application/problem+json}; the live hub sends the same code in an error frame.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public DomainException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public DomainException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static DomainException notFound(String what) {
        return new DomainException(404, what + ".not-found", "No such " + what + ".");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(403, "forbidden", message);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(409, code, message);
    }

    public static DomainException invalid(String code, String message) {
        return new DomainException(400, code, message);
    }
}
