package org.mekong.web.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.Correction;
import org.mekong.core.api.data.CorrectionState;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueQuery;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.DataValueVersion;
import org.mekong.core.api.data.SubmitResult;
import org.mekong.core.api.data.WriteMode;
import org.mekong.core.api.InvalidInputException;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Data values: one current value per indicator, org unit and period. */
@Component(service = DataValueResource.class)
@JaxrsResource
@JaxrsName("mekong.datavalues")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("datavalues")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datavalues")
public class DataValueResource {
    private final DataValueService values;

    @Activate
    public DataValueResource(@Reference DataValueService values) {
        this.values = values;
    }

    /** A batch write body. */
    public record Batch(List<DataValueInput> values) {
    }

    /** What to submit: a unit's values for a period, all or only some indicators. */
    public record SubmitRequest(String orgUnit, String period, List<String> indicators) {
    }

    /** Values to verify or reject, with the reason for a rejection. */
    public record Decision(List<DataValueKey> keys, String reason) {
    }

    /** How many values changed state. */
    public record Changed(int changed) {
    }

    /** A request to reopen a VERIFIED value, with the reason. */
    public record CorrectionRequest(String indicator, String orgUnit, String period, String reason) {
    }

    /** Why a correction request is declined. */
    public record Reason(String reason) {
    }

    /** A page of correction requests, as the OpenAPI document describes it. */
    public record CorrectionPage(List<Correction> items, long total, int offset, int limit) {
    }

    @GET
    @Operation(summary = "Read values by indicator, org unit (with descendants=true for the subtree) and period or range")
    public Page<DataValue> find(@Context SecurityContext security, @QueryParam("indicator") String indicator,
            @QueryParam("orgUnit") String orgUnit, @QueryParam("descendants") boolean descendants,
            @QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("state") String state, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return values.find(RestSupport.caller(security), new DataValueQuery(indicator, orgUnit, descendants, period,
                from, to, state(state), Page.offset(offset), Page.limit(limit)));
    }

    @GET
    @Path("history")
    @Operation(summary = "Every version of one value, the current one first")
    public List<DataValueVersion> history(@Context SecurityContext security, @QueryParam("indicator") String indicator,
            @QueryParam("orgUnit") String orgUnit, @QueryParam("period") String period) {
        return values.history(RestSupport.caller(security), new DataValueKey(indicator, orgUnit, period));
    }

    @POST
    @Path("submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a unit's DRAFT and REJECTED values of a period for verification; reports completeness")
    public SubmitResult submit(@Context SecurityContext security, SubmitRequest request) {
        SubmitRequest r = RestSupport.body(request);
        return values.submit(RestSupport.caller(security), r.orgUnit(), r.period(), r.indicators());
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify SUBMITTED values (VERIFIER of a unit above them); all or nothing")
    public Changed verify(@Context SecurityContext security, Decision decision) {
        return new Changed(values.verify(RestSupport.caller(security), RestSupport.body(decision).keys()));
    }

    @POST
    @Path("reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject SUBMITTED values with a reason (VERIFIER of a unit above them); all or nothing")
    public Changed reject(@Context SecurityContext security, Decision decision) {
        Decision d = RestSupport.body(decision);
        return new Changed(values.reject(RestSupport.caller(security), d.keys(), d.reason()));
    }

    private static DataValueState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return DataValueState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("state", "one of DRAFT, SUBMITTED, VERIFIED, REJECTED");
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write one value: without version to create, with the current version to update (409 otherwise)")
    public DataValue write(@Context SecurityContext security, DataValueInput input) {
        return values.write(RestSupport.caller(security), RestSupport.body(input));
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write many values in one transaction: all or nothing, every refused index named; "
            + "mode=upsert creates or updates without versions, identical values count as unchanged; an Idempotency-Key "
            + "header gets the first answer again")
    public BatchResult batch(@Context SecurityContext security, @QueryParam("mode") String mode,
            @HeaderParam("Idempotency-Key") String idempotencyKey, Batch batch) {
        WriteMode m = WriteMode.parse(mode);
        return values.writeBatch(RestSupport.caller(security), RestSupport.body(batch).values(), m, idempotencyKey);
    }

    @POST
    @Path("corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask to reopen a VERIFIED value, with a reason (REPORTER of its unit)")
    public Response requestCorrection(@Context SecurityContext security, CorrectionRequest request) {
        CorrectionRequest r = RestSupport.body(request);
        Correction made = values.requestCorrection(RestSupport.caller(security),
                new DataValueKey(r.indicator(), r.orgUnit(), r.period()), r.reason());
        return Response.created(URI.create("datavalues/corrections/" + made.id())).entity(made).build();
    }

    @GET
    @Path("corrections")
    @Operation(summary = "Correction requests within the caller's units (orgUnit: its subtree), newest first, by state")
    public CorrectionPage corrections(@Context SecurityContext security, @QueryParam("orgUnit") String orgUnit,
            @QueryParam("state") String state, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        Page<Correction> page = values.findCorrections(RestSupport.caller(security), orgUnit, correctionState(state),
                Page.offset(offset), Page.limit(limit));
        return new CorrectionPage(page.items(), page.total(), page.offset(), page.limit());
    }

    @POST
    @Path("corrections/{id}/accept")
    @Operation(summary = "Accept a pending correction: the value returns to DRAFT (VERIFIER above its unit, not the requester)")
    public Correction acceptCorrection(@Context SecurityContext security, @PathParam("id") long id) {
        return values.acceptCorrection(RestSupport.caller(security), id);
    }

    @POST
    @Path("corrections/{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decline a pending correction with a reason; the value stays VERIFIED")
    public Correction declineCorrection(@Context SecurityContext security, @PathParam("id") long id, Reason reason) {
        return values.declineCorrection(RestSupport.caller(security), id, RestSupport.body(reason).reason());
    }

    private static CorrectionState correctionState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return CorrectionState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("state", "one of PENDING, ACCEPTED, DECLINED");
        }
    }
}
