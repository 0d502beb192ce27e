package org.mekong.monitoring.internal.rest;

import java.util.List;
import java.util.Locale;

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

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.WriteMode;
import org.mekong.monitoring.internal.CsvImport;
import org.mekong.monitoring.internal.DashboardService;
import org.mekong.monitoring.internal.Evidence;
import org.mekong.monitoring.internal.EvidenceService;
import org.mekong.monitoring.internal.TargetService;
import org.mekong.monitoring.internal.Task;
import org.mekong.monitoring.internal.TaskReport;
import org.mekong.monitoring.internal.TaskService;
import org.mekong.monitoring.internal.TaskStatus;
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

/** {@code /api/monitoring}: dashboards, rankings, targets, tasks, evidence and CSV upload. */
@Component(service = MonitoringResource.class)
@JaxrsResource
@JaxrsName("mekong.monitoring")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("monitoring")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitoring")
public class MonitoringResource {
    private final DashboardService dashboard;
    private final TargetService targets;
    private final TaskService tasks;
    private final EvidenceService evidence;
    private final CsvImport csv;

    @Activate
    public MonitoringResource(@Reference DashboardService dashboard, @Reference TargetService targets,
            @Reference TaskService tasks, @Reference EvidenceService evidence, @Reference CsvImport csv) {
        this.dashboard = dashboard;
        this.targets = targets;
        this.tasks = tasks;
        this.evidence = evidence;
        this.csv = csv;
    }

    @GET
    @Path("overview")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "One dashboard level: the unit's indicators with value, target and colour, its summary, "
            + "and its children for drill-down (format=csv&table=indicators|children for a download; view=verified: "
            + "verified values only, as the public sees them)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DashboardService.Overview.class))))
    public Response overview(@Context SecurityContext security, @QueryParam("orgUnit") String orgUnit,
            @QueryParam("asOf") String asOf, @QueryParam("format") String format, @QueryParam("table") String table,
            @QueryParam("view") String view) {
        DashboardService.Overview o = dashboard.overview(MekongRest.caller(security), orgUnit, asOf, verifiedView(view));
        if (!Csv.wanted(format)) {
            return Response.ok(o).build();
        }
        if ("children".equals(table)) {
            return Csv.of("children-" + o.orgUnit().code() + "-" + o.asOf() + ".csv", List.of("code", "nameVi", "nameEn",
                    "green", "amber", "red", "none", "unrated", "greenShare", "colour", "taskOnTimeShare", "timeliness",
                    "openWarnings"), o.children(), r -> List.of(r.orgUnit().code(), r.orgUnit().nameVi(),
                            r.orgUnit().nameEn(), r.green(), r.amber(), r.red(), r.none(), r.unrated(),
                            opt(r.greenShare()), r.colour(), opt(r.taskOnTimeShare()),
                            opt(r.timeliness()), r.openWarnings()));
        }
        if (table != null && !table.isBlank() && !"indicators".equals(table)) {
            throw InvalidInputException.field("table", "indicators or children");
        }
        return Csv.of("indicators-" + o.orgUnit().code() + "-" + o.asOf() + ".csv", List.of("code", "nameVi", "nameEn",
                "layer", "unit", "period", "value", "target", "colour", "own", "reportingUnits", "state", "verified"),
                o.indicators(), c -> List.of(c.code(), c.nameVi(), c.nameEn(), c.layer(), opt(c.unit()), c.period(),
                        opt(c.value()), opt(c.target()), c.colour(), c.own(), c.reportingUnits(), opt(c.state()),
                        c.verified()));
    }

    @GET
    @Path("trend")
    @Operation(summary = "Value, target and colour of one indicator at one unit over a range of periods "
            + "(default: the 12 periods up to asOf, or up to the last ended quarter)")
    public DashboardService.Trend trend(@Context SecurityContext security, @QueryParam("indicator") String indicator,
            @QueryParam("orgUnit") String orgUnit, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("asOf") String asOf) {
        return dashboard.trend(MekongRest.caller(security), indicator, orgUnit, from, to, asOf);
    }

    @GET
    @Path("rollup")
    @Operation(summary = "One indicator over the subtree of a unit for a range of periods, read from the aggregate rows")
    public DashboardService.Rollup rollup(@Context SecurityContext security, @QueryParam("indicator") String indicator,
            @QueryParam("orgUnit") String orgUnit, @QueryParam("from") String from, @QueryParam("to") String to) {
        return dashboard.rollup(MekongRest.caller(security), indicator, orgUnit, from, to);
    }

    @GET
    @Path("rankings")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "The children of a unit ranked by greening, tasks on time or timeliness (format=csv for a download)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DashboardService.Rankings.class))))
    public Response rankings(@Context SecurityContext security, @QueryParam("orgUnit") String orgUnit,
            @QueryParam("asOf") String asOf, @QueryParam("by") String by, @QueryParam("format") String format) {
        DashboardService.Rankings r = dashboard.rankings(MekongRest.caller(security), orgUnit, asOf, by);
        if (!Csv.wanted(format)) {
            return Response.ok(r).build();
        }
        return Csv.of("rankings-" + r.by() + "-" + r.asOf() + ".csv", List.of("rank", "code", "nameVi", "nameEn",
                "greenShare", "taskOnTimeShare", "timeliness"), r.rows(), row -> List.of(opt(row.rank()), row.orgUnit().code(),
                        row.orgUnit().nameVi(), row.orgUnit().nameEn(), opt(row.greenShare()),
                        opt(row.taskOnTimeShare()), opt(row.timeliness())));
    }

    @GET
    @Path("targets")
    @Operation(summary = "Targets by indicator and org unit")
    public List<TargetService.Target> targets(@QueryParam("indicator") String indicator,
            @QueryParam("orgUnit") String orgUnit) {
        return targets.find(indicator, orgUnit);
    }

    @PUT
    @Path("targets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a target (LEADER or CENTRAL_IT within scope)")
    public TargetService.Target putTarget(@Context SecurityContext security, TargetService.Target target) {
        return targets.put(MekongRest.caller(security), target);
    }

    @GET
    @Path("tasks")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Tasks of a unit's subtree, filtered by status, strategy group and text (format=csv for a download)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TaskPage.class))))
    public Response tasks(@Context SecurityContext security, @QueryParam("orgUnit") String orgUnit,
            @QueryParam("status") String status, @QueryParam("group") String group, @QueryParam("q") String q,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit, @QueryParam("format") String format) {
        Caller caller = MekongRest.caller(security);
        caller.require();
        boolean csvWanted = Csv.wanted(format);
        Page<Task> page = tasks.find(caller, orgUnit, status(status), group, q, Page.offset(offset),
                csvWanted ? Page.MAX_LIMIT : Page.limit(limit));
        if (!csvWanted) {
            return Response.ok(page).build();
        }
        return Csv.of("tasks.csv", List.of("code", "title", "strategyGroup", "orgUnit", "responsible", "deadline",
                "expectedProduct", "progress", "status", "completedOn"), page.items(), t -> List.of(t.code(), t.title(),
                        opt(t.strategyGroup()), t.orgUnit(), opt(t.responsible()), t.deadline(), opt(t.expectedProduct()),
                        t.progress(), t.status(), opt(t.completedOn())));
    }

    @POST
    @Path("tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a task (LEADER or CENTRAL_IT of the unit or above)",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Task.class))))
    public Response createTask(@Context SecurityContext security, TaskService.NewTask task) {
        return Response.status(201).entity(tasks.create(MekongRest.caller(security), task)).build();
    }

    @GET
    @Path("tasks/{code}")
    @Operation(summary = "One task with its computed status")
    public Task task(@Context SecurityContext security, @PathParam("code") String code) {
        Caller caller = MekongRest.caller(security);
        caller.require();
        return tasks.get(caller, code);
    }

    @GET
    @Path("tasks/{code}/reports")
    @Operation(summary = "Progress reports of a task, newest first, with their evidence files")
    public List<TaskReport> reports(@Context SecurityContext security, @PathParam("code") String code) {
        Caller caller = MekongRest.caller(security);
        caller.require();
        return tasks.reports(caller, code, evidence);
    }

    @POST
    @Path("tasks/{code}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report progress on a task (REPORTER of its unit); done=true completes it",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TaskReport.class))))
    public Response report(@Context SecurityContext security, @PathParam("code") String code,
            TaskService.NewReport report) {
        return Response.status(201).entity(tasks.report(MekongRest.caller(security), code, report)).build();
    }

    @POST
    @Path("evidence")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload one evidence file (raw body with its Content-Type) for a data value or a task report",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Evidence.class))))
    public Response upload(@Context SecurityContext security, @Context HttpHeaders headers,
            @QueryParam("ownerType") String ownerType, @QueryParam("ownerKey") String ownerKey,
            @QueryParam("fileName") String fileName, byte[] body) {
        Evidence e = evidence.upload(MekongRest.caller(security), ownerType, ownerKey, fileName,
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        return Response.status(201).entity(e).build();
    }

    @GET
    @Path("evidence")
    @Operation(summary = "Evidence files of a data value or task report")
    public List<Evidence> evidence(@Context SecurityContext security, @QueryParam("ownerType") String ownerType,
            @QueryParam("ownerKey") String ownerKey) {
        return evidence.list(MekongRest.caller(security), ownerType, ownerKey);
    }

    @GET
    @Path("evidence/{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download an evidence file")
    public Response download(@Context SecurityContext security, @PathParam("id") long id) {
        EvidenceService.Content c = evidence.download(MekongRest.caller(security), id);
        return Response.ok(c.bytes(), c.evidence().contentType())
                .header("Content-Disposition", "attachment; filename=\"" + c.evidence().fileName().replace("\"", "")
                        + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @POST
    @Path("datavalues/csv")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @Operation(summary = "Upload data values as CSV (indicator,orgUnit,period,value[,comment][,version]); "
            + "all or nothing, problems reported by row and column; mode=upsert creates or updates without versions "
            + "(the same file sent again changes nothing); an Idempotency-Key header returns the first answer again")
    public BatchResult uploadCsv(@Context SecurityContext security, @QueryParam("mode") String mode,
            @javax.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey, String body) {
        return csv.upload(MekongRest.caller(security), body, WriteMode.parse(mode), idempotencyKey);
    }

    /** A page of tasks, as the OpenAPI document describes it. */
    public record TaskPage(List<Task> items, long total, int offset, int limit) {
    }

    private static TaskStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return TaskStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("status", "one of " + List.of(TaskStatus.values()));
        }
    }

    /** {@code view=verified}: VERIFIED values only (the public's view); {@code all} or none: what the caller may see. */
    private static boolean verifiedView(String view) {
        if (view == null || view.isBlank() || view.equalsIgnoreCase("all")) {
            return false;
        }
        if (view.equalsIgnoreCase("verified")) {
            return true;
        }
        throw InvalidInputException.field("view", "verified or all");
    }

    private static Object opt(Object o) {
        return o == null ? "" : o;
    }
}
