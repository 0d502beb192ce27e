package org.mekong.monitoring.internal.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.annotation.security.RolesAllowed;

import org.mekong.core.api.Page;
import org.mekong.monitoring.internal.Warning;
import org.mekong.monitoring.internal.WarningEngine;
import org.mekong.monitoring.internal.WarningStore;
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

/** {@code /api/warnings}: early warnings raised by the registered rules. */
@Component(service = WarningResource.class)
@JaxrsResource
@JaxrsName("mekong.warnings")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("warnings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "warnings")
public class WarningResource {
    private final WarningStore store;
    private final WarningEngine engine;

    @Activate
    public WarningResource(@Reference WarningStore store, @Reference WarningEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Warnings of a unit's subtree, CRITICAL first, then WARNING, then INFO, each newest first; by rule, "
            + "status (OPEN, ACKNOWLEDGED, CLOSED) and severity (INFO, WARNING, CRITICAL, comma-separated); format=csv for a download", responses = @ApiResponse(responseCode = "200", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarningPage.class))))
    public Response find(@Context SecurityContext security, @QueryParam("orgUnit") String orgUnit,
            @QueryParam("rule") String rule, @QueryParam("status") String status, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit, @QueryParam("format") String format,
            @QueryParam("severity") String severity) {
        boolean csv = Csv.wanted(format);
        Page<Warning> page = store.find(MekongRest.caller(security), orgUnit, rule, status, severity, Page.offset(offset),
                csv ? Page.MAX_LIMIT : Page.limit(limit));
        if (!csv) {
            return Response.ok(page).build();
        }
        return Csv.of("warnings.csv", List.of("id", "rule", "severity", "orgUnit", "subjectType", "subjectKey", "message",
                "raisedAt", "status", "acknowledgedBy"), page.items(), w -> List.of(w.id(), w.rule(), w.severity(),
                        w.orgUnit(), w.subjectType(), w.subjectKey(), w.message(), w.raisedAt(), w.status(),
                        w.acknowledgedBy() == null ? "" : w.acknowledgedBy()));
    }

    /** A page of warnings, as the OpenAPI document describes it. */
    public record WarningPage(List<Warning> items, long total, int offset, int limit) {
    }

    @POST
    @Path("{id}/acknowledge")
    @Operation(summary = "Acknowledge an open warning (LEADER, VERIFIER or REPORTER within scope)")
    public Warning acknowledge(@Context SecurityContext security, @PathParam("id") long id) {
        return store.acknowledge(MekongRest.caller(security), id);
    }

    @GET
    @Path("rules")
    @Operation(summary = "The registered warning rules, built-in and from plugins")
    public List<WarningEngine.RuleInfo> rules() {
        return engine.rules();
    }

    @RolesAllowed("CENTRAL_IT")
    @POST
    @Path("run")
    @Operation(summary = "Run every rule now (CENTRAL_IT)")
    public WarningEngine.RunResult run(@Context SecurityContext security) {
        return engine.runNow(MekongRest.caller(security));
    }
}
