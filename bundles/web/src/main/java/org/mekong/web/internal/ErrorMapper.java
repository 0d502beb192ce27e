package org.mekong.web.internal;

import java.util.List;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.MekongException;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception into the JSON error body: domain exceptions keep their status, bad JSON
 * is a 400 naming the field, JAX-RS errors keep theirs, anything else is a logged 500.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("mekong.errors")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
public class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Context
    private HttpHeaders headers;

    @Context
    private javax.ws.rs.core.UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable e) {
        MekongException domain = find(e, MekongException.class);
        if (domain != null) {
            Response r = respond(domain.status(), domain.code(), domain.getMessage(), domain.details(),
                    headers == null || headers.getHeaderString("X-Requested-With") == null);
            if (domain instanceof org.mekong.core.api.TooManyRequestsException t) {
                return Response.fromResponse(r).header("Retry-After", Long.toString(t.retryAfterSeconds())).build();
            }
            return r;
        }
        JsonProcessingException json = find(e, JsonProcessingException.class);
        if (json != null) {
            return respond(400, "invalid_json", describe(json), details(json));
        }
        if (e instanceof WebApplicationException nf && nf.getResponse().getStatus() == 404
                && conversionFailure(e.getCause())) {
            // JAX-RS answers 404 when a query or path parameter does not convert to its type; the
            // resource exists, the input is wrong: say so, and name the parameter when it can be told
            List<ErrorDetail> details = badParameters(e.getCause());
            return respond(400, "invalid_input", details.isEmpty()
                    ? "A query or path parameter has a value of the wrong type: " + withoutClassNames(e.getCause().getMessage())
                    : "Parameter '" + details.get(0).field() + "' has a value of the wrong type", details);
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            String code = switch (status) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 406 -> "not_acceptable";
                case 415 -> "unsupported_media_type";
                default -> status < 500 ? "bad_request" : "internal_error";
            };
            String message = status == 404 ? "No such resource" : withoutClassNames(w.getMessage());
            if (status >= 500) {
                LOG.error("Request failed", e);
            }
            return respond(status, code, message, List.of());
        }
        LOG.error("Unexpected error", e);
        return respond(500, "internal_error", "An internal error occurred; it has been logged", List.of());
    }

    private static boolean conversionFailure(Throwable cause) {
        return cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException;
    }

    /** The query and path parameters whose value is the one that failed to convert. */
    private List<ErrorDetail> badParameters(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"(.*)\"").matcher(message);
        String value = quoted.find() ? quoted.group(1) : null;
        if (value == null || uriInfo == null) {
            return List.of();
        }
        List<ErrorDetail> out = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, List<String>> look = (name, values) -> {
            if (values.contains(value)) {
                out.add(new ErrorDetail(name, "'" + value + "' is not a valid value"
                        + (cause instanceof NumberFormatException ? " (a number is expected)" : "")));
            }
        };
        uriInfo.getQueryParameters().forEach(look);
        uriInfo.getPathParameters().forEach(look);
        return out;
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'";
        }
        // Jackson's own messages name Java types (even internal classes): say what JSON was expected
        if (e instanceof InvalidFormatException f) {
            return "'" + f.getValue() + "' is not a valid value; expected " + jsonKind(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return "Wrong JSON type; expected " + jsonKind(m.getTargetType());
        }
        String original = e.getOriginalMessage();
        return "Malformed JSON: " + (original == null ? "unreadable body" : withoutClassNames(original.split("\n")[0]));
    }

    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+(?:[A-Z][\\w]*\\$)*([A-Z][\\w]*)");

    /** A library's message without the Java package and class names it may carry (they tell an attacker our internals). */
    static String withoutClassNames(String message) {
        return message == null ? null : CLASS_NAME.matcher(message).replaceAll("$1");
    }

    private static String jsonKind(Class<?> type) {
        if (type == null) {
            return "another JSON value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date or time as text";
        }
        return "an object";
    }

    private static List<ErrorDetail> details(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            return List.of(new ErrorDetail(path.toString(), describe(e)));
        }
        return List.of();
    }

    static Response respond(int status, String code, String message, List<ErrorDetail> details) {
        return respond(status, code, message, details, true);
    }

    /**
     * The error response. A 401 carries a Basic challenge for integrators, except to scripts of
     * the web UI (X-Requested-With), where it would make the browser pop up its own login box.
     */
    static Response respond(int status, String code, String message, List<ErrorDetail> details, boolean challenge) {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message, details));
        if (status == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, challenge ? "Basic realm=\"mekong\"" : "Bearer realm=\"mekong\"");
        }
        return r.build();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
