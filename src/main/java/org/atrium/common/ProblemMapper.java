package org.atrium.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * The one place where exceptions become HTTP answers: every error is {@code application/problem+json} with a stable
 * code; nothing internal (stack traces, SQL) reaches a client.
 */
class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    Response domain(DomainException e) {
        return Problem.of(e).toResponse();
    }

    @ServerExceptionMapper
    Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.of(400, "validation.failed", "The request has invalid fields.")
                .withErrors(errors)
                .toResponse();
    }

    @ServerExceptionMapper
    Response unknownField(UnrecognizedPropertyException e) {
        return Problem.of(400, "json.unknown-field", "Unknown field '" + e.getPropertyName() + "'.")
                .withErrors(List.of(new Problem.FieldError(path(e), "unknown field")))
                .toResponse();
    }

    @ServerExceptionMapper
    Response badValue(InvalidFormatException e) {
        return Problem.of(400, "json.invalid-value", "A field has a value of the wrong type or format.")
                .withErrors(List.of(new Problem.FieldError(path(e), "cannot read value '" + e.getValue() + "'")))
                .toResponse();
    }

    @ServerExceptionMapper
    Response mismatched(MismatchedInputException e) {
        if (StrictJson.isDuplicateKey(e)) {
            return duplicateKey(e);
        }
        String field = path(e);
        if (field.isEmpty()) {
            return Problem.of(400, "json.malformed", "The request body is not the expected JSON document.")
                    .toResponse();
        }
        return Problem.of(400, "json.invalid-value", "A field has a value of the wrong type.")
                .withErrors(List.of(new Problem.FieldError(field, "wrong type")))
                .toResponse();
    }

    @ServerExceptionMapper
    Response mapping(JsonMappingException e) {
        if (StrictJson.isDuplicateKey(e)) {
            return duplicateKey(e);
        }
        if (e.getCause() instanceof DomainException domain) {
            return domain(domain);
        }
        String field = path(e);
        return Problem.of(400, "json.invalid-value", "A field could not be read.")
                .withErrors(field.isEmpty() ? null : List.of(new Problem.FieldError(field, e.getOriginalMessage())))
                .toResponse();
    }

    @ServerExceptionMapper
    Response malformed(JsonProcessingException e) {
        if (StrictJson.isDuplicateKey(e)) {
            return duplicateKey(e);
        }
        return Problem.of(400, "json.malformed", "The request body is not well-formed JSON.")
                .toResponse();
    }

    private static Response duplicateKey(Throwable e) {
        String key = StrictJson.duplicateKey(e);
        return Problem.of(400, "json.duplicate-key", "The field '" + key + "' is given more than once.")
                .withErrors(List.of(new Problem.FieldError(key, "given more than once")))
                .toResponse();
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    Response stale(Exception e) {
        return Problem.of(
                        409,
                        "version.conflict",
                        "Someone else changed this in the meantime; reload it and apply your change again.")
                .toResponse();
    }

    /** No credentials: RFC 6750 asks for a bare {@code Bearer} challenge. */
    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return challenge(request, Problem.of(401, "auth.required", "Sign in to do this."), "Bearer");
    }

    /**
     * A token was sent but refused. An expired one says so ({@code auth.expired}, so a client knows to fetch a fresh
     * token rather than to ask for a sign-in with other credentials); anything else is {@code auth.invalid-token}.
     * Both carry RFC 6750's {@code invalid_token} challenge.
     */
    @ServerExceptionMapper
    Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        if (expired(e)) {
            return challenge(
                    request,
                    Problem.of(401, "auth.expired", "Your access token has expired; get a fresh one and try again."),
                    "Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
        }
        return challenge(
                request,
                Problem.of(401, "auth.invalid-token", "The access token is not valid; sign in again."),
                "Bearer error=\"invalid_token\", error_description=\"The access token is not valid\"");
    }

    /** Our challenge replaces the bare one quarkus-oidc may already have put on the response. */
    private static Response challenge(HttpServerRequest request, Problem problem, String wwwAuthenticate) {
        if (request != null) {
            request.response().headers().remove("WWW-Authenticate");
        }
        return Response.fromResponse(problem.toResponse())
                .header("WWW-Authenticate", wwwAuthenticate)
                .build();
    }

    /** Whether the JWT verification (jose4j, under quarkus-oidc) refused the token for its {@code exp} alone. */
    private static boolean expired(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InvalidJwtException jwt) {
                return jwt.hasExpired();
            }
        }
        return false;
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return Problem.of(403, "forbidden", "You may not do this.").toResponse();
    }

    /**
     * JAX-RS answers 404 when a query parameter cannot be converted ({@code ?state=BOGUS}, {@code ?page=two}), as if
     * the resource did not exist. The framework's exception carries the conversion failure as its cause but not the
     * parameter's name, so the name is found by reading the matched method's query parameters again; a 404 with no
     * such cause (no route, unknown id) stays a 404.
     */
    @ServerExceptionMapper
    Response notFound(NotFoundException e, ResourceInfo resource, UriInfo uri) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (e.getCause() != null && !(e.getCause() instanceof WebApplicationException) && method != null) {
            for (Parameter p : method.getParameters()) {
                QueryParam query = p.getAnnotation(QueryParam.class);
                if (query == null) {
                    continue;
                }
                for (String value : uri.getQueryParameters().getOrDefault(query.value(), List.of())) {
                    if (!readable(p.getType(), value)) {
                        return invalidParameter(query.value(), value, p.getType());
                    }
                }
            }
        }
        return web(e);
    }

    private static Response invalidParameter(String name, String value, Class<?> type) {
        String expected = type.isEnum()
                ? "one of "
                        + java.util.Arrays.stream(type.getEnumConstants())
                                .map(c -> ((Enum<?>) c).name())
                                .collect(Collectors.joining(", "))
                : "a whole number";
        return Problem.of(new DomainException(
                        400,
                        "request.invalid-parameter",
                        "Query parameter '" + name + "' must be " + expected + ".",
                        Map.of("parameter", name)))
                .withErrors(List.of(new Problem.FieldError(name, "cannot read value '" + value + "'")))
                .toResponse();
    }

    /** Whether the framework can convert {@code value} to {@code type}; types it reads in other ways count as yes. */
    private static boolean readable(Class<?> type, String value) {
        try {
            if (type.isEnum()) {
                return java.util.Arrays.stream(type.getEnumConstants())
                        .anyMatch(c -> ((Enum<?>) c).name().equals(value));
            }
            if (type == Integer.class || type == int.class) {
                Integer.parseInt(value);
            } else if (type == Long.class || type == long.class) {
                Long.parseLong(value);
            }
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method.not-allowed";
            case 406 -> "media-type.not-acceptable";
            case 413 -> "request.too-large";
            case 415 -> "media-type.unsupported";
            case 401 -> "auth.required";
            case 403 -> "forbidden";
            default -> status >= 500 ? "internal" : "request.invalid";
        };
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        String detail = status >= 500 ? "The server could not complete the request." : e.getMessage();
        return Problem.of(status, code, detail).toResponse();
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql
                    && ("23505".equals(sql.getSQLState()) || "23503".equals(sql.getSQLState()))) {
                // a unique or foreign key rule the use case checked, broken by a concurrent change between its check
                // and its commit (two creates of one slug): the transaction rolled back, so the client may retry
                return Problem.of(
                                409,
                                "request.conflict",
                                "This conflicts with a change made at the same moment; reload and try again.")
                        .toResponse();
            }
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof DomainException domain) {
                return domain(domain);
            }
            if (c instanceof OptimisticLockException || c instanceof StaleObjectStateException) {
                return stale((Exception) c);
            }
            if (c instanceof java.sql.SQLException sql
                    && sql.getMessage() != null
                    && sql.getMessage().contains("acquisition timeout")) {
                LOG.warn("No database connection free in time: answering 503");
                return Response.fromResponse(
                                Problem.of(503, "service.busy", "The server is busy; please try again in a moment.")
                                        .toResponse())
                        .header("Retry-After", "2")
                        .build();
            }
        }
        LOG.error("Unexpected error", e);
        return Problem.of(500, "internal", "The server could not complete the request.")
                .toResponse();
    }

    private static String fieldName(ConstraintViolation<?> v) {
        // "create.form.title" -> "title": drop the method and parameter segments of a REST parameter path
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2
                ? java.util.Arrays.stream(parts, 2, parts.length).collect(Collectors.joining("."))
                : parts[parts.length - 1];
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
