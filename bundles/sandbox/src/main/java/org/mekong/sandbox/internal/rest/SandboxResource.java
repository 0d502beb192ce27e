package org.mekong.sandbox.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Page;
import org.mekong.sandbox.internal.PilotService;
import org.mekong.sandbox.internal.Views;
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

/** {@code /api/sandbox}: pilots under Resolution 193's mechanisms, their evaluation and decisions. */
@Component(service = SandboxResource.class)
@JaxrsResource
@JaxrsName("mekong.sandbox")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("sandbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sandbox")
public class SandboxResource {
    private final PilotService pilots;

    @Activate
    public SandboxResource(@Reference PilotService pilots) {
        this.pilots = pilots;
    }

    public record PilotPage(List<Views.PilotSummary> items, long total, int offset, int limit) {
    }

    @GET
    @Path("mechanisms")
    @Operation(summary = "The pilot mechanisms of Resolution 193/2025/QH15")
    public List<Views.Mechanism> mechanisms() {
        return pilots.mechanisms();
    }

    @GET
    @Path("pilots")
    @Operation(summary = "Pilots, newest start first; filter by mechanism and status (PLANNED, RUNNING, ENDED, EXTENDED, "
            + "WIDENED, STOPPED)", responses = @ApiResponse(responseCode = "200", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PilotPage.class))))
    public Page<Views.PilotSummary> list(@QueryParam("mechanism") String mechanism, @QueryParam("status") String status,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return pilots.list(mechanism, status, Page.offset(offset), Page.limit(limit));
    }

    @POST
    @Path("pilots")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a pilot (CENTRAL_IT, LEADER)", responses = @ApiResponse(responseCode = "201",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Pilot.class))))
    public Response create(@Context SecurityContext security, Views.PilotInput input) {
        return Response.status(201).entity(pilots.create(MekongRest.caller(security), input)).build();
    }

    @GET
    @Path("pilots/{code}")
    @Operation(summary = "One pilot with its units, watched indicators and decisions (each with the evaluation it was based on)")
    public Views.Pilot get(@PathParam("code") String code) {
        return pilots.get(code);
    }

    @PUT
    @Path("pilots/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a pilot (CENTRAL_IT, LEADER); version must be the one loaded")
    public Views.Pilot update(@Context SecurityContext security, @PathParam("code") String code,
            Views.PilotInput input) {
        return pilots.update(MekongRest.caller(security), code, input);
    }

    @GET
    @Path("pilots/{code}/evaluation")
    @Operation(summary = "Difference in differences per watched indicator: pilot vs control units, pilot period vs the "
            + "same number of periods before, with a plain-language reading and both groups' series; verified values "
            + "only, unless the caller is staff of every unit of the pilot (valueStates says which)")
    public Views.Evaluation evaluation(@Context SecurityContext security, @PathParam("code") String code,
            @QueryParam("asOf") String asOf) {
        return pilots.evaluate(MekongRest.caller(security), code, asOf);
    }

    @POST
    @Path("pilots/{code}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide: WIDEN (units join the pilot group), EXTEND (until a later date) or STOP, with a reason; "
            + "the current evaluation is kept as evidence")
    public Views.Pilot decide(@Context SecurityContext security, @PathParam("code") String code,
            Views.DecisionInput input) {
        return pilots.decide(MekongRest.caller(security), code, input);
    }
}
