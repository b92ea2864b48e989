package org.atrium.common;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document. {@code code} is Atrium's stable error code; extra members follow it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        List<FieldError> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** One offending input field: a JSON path such as {@code sessions[2].start} or a query parameter name. */
    public record FieldError(String field, String message) {}

    public static Problem of(int status, String code, String detail) {
        return new Problem(typeFor(code), titleFor(status), status, detail, code, null, Map.of());
    }

    public static Problem of(DomainException e) {
        return new Problem(
                typeFor(e.code()), titleFor(e.status()), e.status(), e.getMessage(), e.code(), null, e.details());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors, extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }

    static String typeFor(String code) {
        return "https://atrium.dev/problems/" + code;
    }

    static String titleFor(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
