package org.mekong.feedback.internal.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Page;
import org.mekong.feedback.internal.FeedbackPublic;
import org.mekong.feedback.internal.FeedbackService;
import org.mekong.feedback.internal.FeedbackStats;
import org.mekong.feedback.internal.IntakeLimiter;
import org.mekong.feedback.internal.Views;
import org.mekong.feedback.internal.Vocab.Channel;
import org.mekong.web.api.Csv;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/feedback}: intake, tracking, published answers, statistics and the staff workflow. */
@Component(service = FeedbackResource.class)
@JaxrsResource
@JaxrsName("mekong.feedback")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class FeedbackResource {
    private final FeedbackService feedback;
    private final FeedbackPublic views;
    private final FeedbackStats stats;

    @Activate
    public FeedbackResource(@Reference FeedbackService feedback, @Reference FeedbackPublic views,
            @Reference FeedbackStats stats) {
        this.feedback = feedback;
        this.views = views;
        this.stats = stats;
    }

    /** Pages of items for the OpenAPI document. */
    public record ItemPage(List<Views.ItemSummary> items, long total, int offset, int limit) {
    }

    public record PublishedPage(List<Views.PublishedView> items, long total, int offset, int limit) {
    }

    public record ClassifyRequest(String category, String field) {
    }

    public record AssignRequest(String unit, String note) {
    }

    public record AnswerRequest(String answer) {
    }

    public record PublishRequest(String title, String content) {
    }

    public record RejectRequest(String reason) {
    }

    public record MergeRequest(String into) {
    }

    public record NoteRequest(String text) {
    }

    @GET
    @Path("options")
    @Operation(summary = "Categories (with processing days), fields, sender types and the intake limits")
    public Views.Options options() {
        return feedback.options();
    }

    @PermitAll
    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send feedback (no account needed); answers the tracking code",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.Receipt.class))))
    public Response submit(@Context SecurityContext security, @Context HttpHeaders headers,
            @Context HttpServletRequest request, Views.Submission submission) {
        Channel channel = "mekong-ui".equals(headers.getHeaderString("X-Requested-With")) ? Channel.WEB : Channel.REST;
        try {
            Views.Receipt r = feedback.submit(MekongRest.caller(security), submission, channel,
                    feedback.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")));
            return Response.status(201).entity(r).build();
        } catch (IntakeLimiter.LimitedException e) {
            RateLimitHeaders.remember(request, e);
            throw e;
        }
    }

    @GET
    @Path("track/{code}")
    @Operation(summary = "The sender's own status view by the secret tracking code (personal data masked)")
    public Views.TrackView track(@PathParam("code") String code) {
        return views.track(code);
    }

    @GET
    @Path("published")
    @Operation(summary = "Published answers, newest first; q matches all its words, with or without Vietnamese accents",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublishedPage.class))))
    public Page<Views.PublishedView> published(@QueryParam("q") String q, @QueryParam("category") String category,
            @QueryParam("field") String field, @QueryParam("orgUnit") String orgUnit, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return views.published(q, category, field, orgUnit, date("from", from), date("to", to), Page.offset(offset),
                Page.limit(limit));
    }

    @GET
    @Path("published/{publicId}")
    @Operation(summary = "One published answer by its public id")
    public Views.PublishedView publishedItem(@PathParam("publicId") String publicId) {
        return views.publishedItem(publicId);
    }

    @GET
    @Path("stats")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Received, resolved, resolution rate, processing days, overdue and late items of a unit and "
            + "its children for items received in [from, to], as of asOf (format=csv for the children table)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedbackStats.Stats.class))))
    public Response stats(@QueryParam("orgUnit") String orgUnit, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("asOf") String asOf, @QueryParam("format") String format) {
        FeedbackStats.Stats s = stats.stats(orgUnit, from, to, asOf);
        if (!Csv.wanted(format)) {
            return Response.ok(s).build();
        }
        return Csv.of("feedback-" + s.orgUnit().code() + "-" + s.from() + "-" + s.to() + ".csv", List.of("code", "nameVi",
                "nameEn", "received", "resolved", "rate", "avgDays", "overdue", "late"), s.children(),
                r -> java.util.Arrays.<Object>asList(r.orgUnit().code(), r.orgUnit().nameVi(), r.orgUnit().nameEn(),
                        r.received(), r.resolved(), r.rate(), r.avgDays(), r.overdue(), r.late()));
    }

    @GET
    @Path("mine")
    @Operation(summary = "The signed-in sender's own items")
    public List<Views.TrackView> mine(@Context SecurityContext security) {
        return views.mine(MekongRest.caller(security));
    }

    // ------------------------------------------------------------ staff

    @GET
    @Path("items")
    @Operation(summary = "Items in the caller's scope, newest first (staff)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ItemPage.class))))
    public Page<Views.ItemSummary> list(@Context SecurityContext security, @QueryParam("status") List<String> status,
            @QueryParam("category") String category, @QueryParam("field") String field,
            @QueryParam("orgUnit") String orgUnit, @QueryParam("responsibleUnit") String responsibleUnit,
            @QueryParam("q") String q, @QueryParam("overdue") boolean overdue, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return feedback.list(MekongRest.caller(security), status, category, field, orgUnit, responsibleUnit, q, overdue,
                Page.offset(offset), Page.limit(limit));
    }

    @GET
    @Path("items/{code}")
    @Operation(summary = "Everything about one item (by tracking code or public id): sender, suggestion, route, "
            + "duplicates in the caller's units, notes, history (staff)")
    public Views.ItemView item(@Context SecurityContext security, @PathParam("code") String code) {
        return feedback.item(MekongRest.caller(security), code);
    }

    @GET
    @Path("items/{code}/attachments/{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "One attached file (staff)")
    public Response attachment(@Context SecurityContext security, @PathParam("code") String code,
            @PathParam("id") long id) {
        FeedbackService.FileContent f = feedback.attachment(MekongRest.caller(security), code, id);
        return Response.ok(f.bytes(), f.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + f.name().replace("\"", "") + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @POST
    @Path("items/{code}/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm or change category and field (RECEIVED -> CLASSIFIED)")
    public Views.ItemView classify(@Context SecurityContext security, @PathParam("code") String code,
            ClassifyRequest body) {
        ClassifyRequest b = body == null ? new ClassifyRequest(null, null) : body;
        return feedback.classify(MekongRest.caller(security), code, b.category(), b.field());
    }

    @POST
    @Path("items/{code}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign to a unit (the routed one when unit is empty) or reassign (note required)")
    public Views.ItemView assign(@Context SecurityContext security, @PathParam("code") String code, AssignRequest body) {
        AssignRequest b = body == null ? new AssignRequest(null, null) : body;
        return feedback.assign(MekongRest.caller(security), code, b.unit(), b.note());
    }

    @POST
    @Path("items/{code}/start")
    @Operation(summary = "Start processing (ASSIGNED -> IN_PROGRESS)")
    public Views.ItemView start(@Context SecurityContext security, @PathParam("code") String code) {
        return feedback.start(MekongRest.caller(security), code);
    }

    @POST
    @Path("items/{code}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an internal note (never public)")
    public Views.ItemView note(@Context SecurityContext security, @PathParam("code") String code, NoteRequest body) {
        return feedback.note(MekongRest.caller(security), code, body == null ? null : body.text());
    }

    @POST
    @Path("items/{code}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer (-> ANSWERED)")
    public Views.ItemView answer(@Context SecurityContext security, @PathParam("code") String code, AnswerRequest body) {
        return feedback.answer(MekongRest.caller(security), code, body == null ? null : body.answer());
    }

    @POST
    @Path("items/{code}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish an answered item; title/content are the public versions (default: the sender's text "
            + "with e-mail addresses, phone numbers and the sender's name masked)")
    public Views.ItemView publish(@Context SecurityContext security, @PathParam("code") String code,
            PublishRequest body) {
        PublishRequest b = body == null ? new PublishRequest(null, null) : body;
        return feedback.publish(MekongRest.caller(security), code, b.title(), b.content());
    }

    @POST
    @Path("items/{code}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject with a reason the sender sees")
    public Views.ItemView reject(@Context SecurityContext security, @PathParam("code") String code, RejectRequest body) {
        return feedback.reject(MekongRest.caller(security), code, body == null ? null : body.reason());
    }

    @POST
    @Path("items/{code}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge a duplicate into a primary item, whose status it then follows")
    public Views.ItemView merge(@Context SecurityContext security, @PathParam("code") String code, MergeRequest body) {
        return feedback.merge(MekongRest.caller(security), code, body == null ? null : body.into());
    }

    @GET
    @Path("routes")
    @Operation(summary = "Routing rules: field and place to responsible unit")
    public List<Views.Route> routes(@Context SecurityContext security) {
        return feedback.routes(MekongRest.caller(security));
    }

    @RolesAllowed({ "ADMIN", "CENTRAL_IT" })
    @PUT
    @Path("routes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the routing rules (ADMIN, CENTRAL_IT); all or nothing")
    public List<Views.Route> replaceRoutes(@Context SecurityContext security, List<Views.Route> routes) {
        return feedback.replaceRoutes(MekongRest.caller(security), routes);
    }

    static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, "'" + text + "' is not a date (yyyy-MM-dd)");
        }
    }
}
