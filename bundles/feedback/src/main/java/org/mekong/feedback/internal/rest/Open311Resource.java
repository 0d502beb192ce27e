package org.mekong.feedback.internal.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.annotation.security.PermitAll;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.MekongException;
import org.mekong.core.api.TooManyRequestsException;
import org.mekong.feedback.internal.FeedbackPublic;
import org.mekong.feedback.internal.FeedbackService;
import org.mekong.feedback.internal.Open311;
import org.mekong.feedback.internal.Views;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Open311 GeoReport v2 at {@code /api/open311/v2}: services are the feedback categories,
 * service requests are feedback items, {@code service_request_id} is the item's public id (the
 * secret tracking code only ever goes to the sender, who may also look their request up by it). Every
 * answer comes in the format of the path's extension ({@code .json} or {@code .xml}), errors too
 * ({@code [{"code", "description"}]}).
 */
@Component(service = Open311Resource.class)
@JaxrsResource
@JaxrsName("mekong.open311")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("open311/v2")
@Tag(name = "open311")
public class Open311Resource {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final FeedbackService feedback;
    private final FeedbackPublic views;
    private final Open311 open311;

    @Context
    private HttpHeaders headers;

    @Activate
    public Open311Resource(@Reference FeedbackService feedback, @Reference FeedbackPublic views,
            @Reference Open311 open311) {
        this.feedback = feedback;
        this.views = views;
        this.open311 = open311;
    }

    @GET
    @Path("discovery{format:(?:\\.json|\\.xml)?}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML })
    @Operation(summary = "Open311 discovery: the endpoint and the formats it speaks")
    public Response discovery(@PathParam("format") String format, @Context HttpServletRequest request) {
        return answer(format, "discovery", null, () -> {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
            endpoint.put("url", open311.publicBase(origin(request)) + path(request));
            endpoint.put("changeset", "2026-11-23T00:00:00+07:00");
            endpoint.put("type", "production");
            endpoint.put("formats", List.of("application/json", "text/xml"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("changeset", "2026-11-23T00:00:00+07:00");
            out.put("contact", "Mekong platform, Resolution 57 feedback system");
            out.put("key_service", "No API key is needed");
            out.put("endpoints", List.of(endpoint));
            return out;
        });
    }

    @GET
    @Path("services{format:(?:\\.json|\\.xml)?}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML })
    @Operation(summary = "Open311 service list: the feedback categories")
    public Response services(@PathParam("format") String format) {
        return answer(format, "services", "service", () -> open311.services());
    }

    @GET
    @Path("services/{code:[^/]+?}{format:(?:\\.json|\\.xml)?}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML })
    @Operation(summary = "Open311 service definition: the attribute org_unit (the place the request concerns)")
    public Response definition(@PathParam("code") String code, @PathParam("format") String format) {
        return answer(format, "service_definition", null, () -> open311.definition(code));
    }

    @PermitAll
    @POST
    @Path("requests{format:(?:\\.json|\\.xml)?}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML })
    @Operation(summary = "Open311 create service request (form fields service_code, description, attribute[org_unit], "
            + "lat, long, address_string, media_url, email, first_name, last_name, phone); answers the tracking code")
    public Response create(@PathParam("format") String format, @Context SecurityContext security,
            @Context HttpServletRequest request, MultivaluedMap<String, String> form) {
        return answer(format, "service_requests", "request", () -> {
            Views.Submission s = open311.submission(form);
            String media = open311.mediaUrl(form);
            Views.Receipt r = feedback.submit(MekongRest.caller(security), s,
                    org.mekong.feedback.internal.Vocab.Channel.OPEN311,
                    feedback.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")));
            open311.attachMedia(r.publicId(), media);
            String link = open311.publicBase(origin(request)) + r.trackUrl();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("service_request_id", r.publicId());
            out.put("service_notice", "Đã tiếp nhận. Mã theo dõi bí mật của bạn: " + r.code() + " (" + link
                    + ") / Received; your secret tracking code is " + r.code() + ": keep it to yourself and follow your "
                    + "request at " + link);
            out.put("account_id", null);
            return List.of(out);
        }, 201);
    }

    @GET
    @Path("requests{format:(?:\\.json|\\.xml)?}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML })
    @Operation(summary = "Open311 service requests: by ids (public ids, comma separated; a sender may give their "
            + "tracking code for their own status) or by service_code, start_date, end_date (default: the last 90 days) "
            + "and status (open, closed), service_code and status comma separated; jurisdiction_id is accepted and "
            + "ignored (one jurisdiction); at most 1000. Unpublished requests show their status only")
    public Response requests(@PathParam("format") String format,
            @Parameter(description = "public ids, comma separated") @QueryParam("service_request_id") String ids,
            @Parameter(description = "service codes, comma separated") @QueryParam("service_code") String serviceCode, @QueryParam("start_date") String start,
            @QueryParam("end_date") String end, @Parameter(description = "open, closed or both, comma separated") @QueryParam("status") String status) {
        return answer(format, "service_requests", "request", () -> {
            if (ids != null && !ids.isBlank()) {
                List<Object> out = new ArrayList<>();
                for (String id : ids.split(",", 101)) {
                    if (out.size() >= 100) {
                        throw InvalidInputException.field("service_request_id", "at most 100 ids");
                    }
                    if (!id.isBlank()) {
                        out.add(one(id.trim()));
                    }
                }
                return out;
            }
            java.util.Set<Category> categories = java.util.EnumSet.noneOf(Category.class);
            for (String code : values(serviceCode)) {
                categories.add(org.mekong.feedback.internal.Vocab.parse(Category.class, "service_code", code));
            }
            Instant to = instant("end_date", end, Instant.now());
            Instant from = instant("start_date", start, to.minusSeconds(90L * 86400));
            List<String> statuses = values(status);
            for (String s : statuses) {
                if (!s.equals("open") && !s.equals("closed")) {
                    throw InvalidInputException.field("status", "'" + s + "': open or closed, or both comma separated");
                }
            }
            return open311.list(categories, from, to, statuses.size() == 1 ? statuses.get(0) : null);
        });
    }

    @GET
    @Path("requests/{id:[^/]+?}{format:(?:\\.json|\\.xml)?}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML })
    @Operation(summary = "Open311 one service request by its public id (or, for its sender, the tracking code)")
    public Response request(@PathParam("id") String id, @PathParam("format") String format) {
        return answer(format, "service_requests", "request", () -> List.of(one(id)));
    }

    /** The values of a comma-separated parameter, trimmed, blanks left out. */
    private static List<String> values(String text) {
        return text == null ? List.of()
                : java.util.Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** By public id the public entry; by tracking code the sender's own status view. */
    private Map<String, Object> one(String id) {
        if (id.toUpperCase(java.util.Locale.ROOT).startsWith("FB-")) {
            return open311.publicRequest(id);
        }
        return open311.request(views.track(id));
    }

    // ------------------------------------------------------------ formats

    private static Instant instant(String field, String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text.trim(), ISO).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(FeedbackService.ZONE).toInstant();
            } catch (DateTimeParseException e2) {
                throw InvalidInputException.field(field, "'" + text + "' is not a w3c date-time such as "
                        + "2026-11-23T08:00:00+07:00");
            }
        }
    }

    /** Scheme, host and port the request came in on: only used when public.url is not configured. */
    private static String origin(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        int path = url.indexOf('/', url.indexOf("//") + 2);
        return path < 0 ? url : url.substring(0, path);
    }

    /** The path of this API ({@code /api/open311/v2/}), from the request's path, never its host. */
    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.substring(0, uri.lastIndexOf('/') + 1);
    }

    private Response answer(String format, String root, String element, Supplier<Object> work) {
        return answer(format, root, element, work, 200);
    }

    /** Runs the work and writes its result, or the Open311 error list, in the requested format. */
    private Response answer(String format, String root, String element, Supplier<Object> work, int okStatus) {
        boolean xml = GeoReportFormat.xml(format, headers == null ? null : headers.getAcceptableMediaTypes());
        try {
            return GeoReportFormat.ok(okStatus, xml, root, element, work.get()).build();
        } catch (MekongException e) {
            String description = e.getMessage();
            if (!e.details().isEmpty()) {
                description = String.join("; ", e.details().stream().map(d -> d.field() + ": " + d.problem()).toList());
            }
            Response.ResponseBuilder b = GeoReportFormat.error(e.status(), description, xml);
            if (e instanceof TooManyRequestsException t) {
                b.header("Retry-After", Long.toString(t.retryAfterSeconds()));
                RateLimitHeaders.add(e, b::header);
            }
            return b.build();
        }
    }
}
