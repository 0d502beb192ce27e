package org.mekong.web.internal.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.form.FormCompleteness;
import org.mekong.core.api.form.FormTimeliness;
import org.mekong.core.api.form.ReportingForm;
import org.mekong.core.api.form.ReportingFormService;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
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

/** Reporting forms (DHIS2's data sets): definitions, and each form's completeness and timeliness. */
@Component(service = FormResource.class)
@JaxrsResource
@JaxrsName("mekong.forms")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("forms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "forms")
public class FormResource {
    private final ReportingFormService forms;
    private final OrgUnitService orgUnits;

    @Activate
    public FormResource(@Reference ReportingFormService forms, @Reference OrgUnitService orgUnits) {
        this.forms = forms;
        this.orgUnits = orgUnits;
    }

    /** The values of a grid to check before saving: one unit's period. */
    public record OutlierCheck(String orgUnit, String period, List<DataValueInput> values) {
    }

    @GET
    @Operation(summary = "All reporting forms; with orgUnit, those that unit reports (within the caller's units)")
    public List<ReportingForm> list(@Context SecurityContext security, @QueryParam("orgUnit") String orgUnit) {
        return forms.list(RestSupport.caller(security), orgUnit);
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One reporting form")
    public ReportingForm get(@Context SecurityContext security, @PathParam("code") String code) {
        return forms.get(RestSupport.caller(security), code);
    }

    @RolesAllowed({ "ADMIN", "CENTRAL_IT" })
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Define a reporting form (CENTRAL_IT): indicators of its periodicity, due days, reporting levels or units")
    public Response create(@Context SecurityContext security, ReportingForm form) {
        ReportingForm created = forms.create(RestSupport.caller(security), RestSupport.body(form));
        return Response.created(URI.create("forms/" + created.code())).entity(created).build();
    }

    @RolesAllowed({ "ADMIN", "CENTRAL_IT" })
    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a reporting form (CENTRAL_IT); the body's version must be the current one (else 409)")
    public ReportingForm update(@Context SecurityContext security, @PathParam("code") String code, ReportingForm form) {
        return forms.update(RestSupport.caller(security), code, RestSupport.body(form));
    }

    @RolesAllowed({ "ADMIN", "CENTRAL_IT" })
    @DELETE
    @Path("{code}")
    @Operation(summary = "Delete a reporting form (CENTRAL_IT); ?version= must be the current one (else 409)")
    public Response delete(@Context SecurityContext security, @PathParam("code") String code,
            @QueryParam("version") Long version) {
        if (version == null) {
            throw InvalidInputException.field("version", "bắt buộc khi xoá biểu mẫu / is required to delete a form");
        }
        forms.delete(RestSupport.caller(security), code, version);
        return Response.noContent().build();
    }

    @GET
    @Path("{code}/completeness")
    @Operation(summary = "Completeness of one unit's report of the form for a period: expected, present, submitted, verified, missing")
    public FormCompleteness completeness(@Context SecurityContext security, @PathParam("code") String code,
            @QueryParam("orgUnit") String orgUnit, @QueryParam("period") String period) {
        return forms.completeness(RestSupport.caller(security), code, orgUnit, period);
    }

    @GET
    @Path("{code}/timeliness")
    @Operation(summary = "Timeliness of the form for a unit and its children that report it, for a period "
            + "(or comma-separated periods): on time, late or not submitted, with the due date")
    public FormTimeliness timeliness(@Context SecurityContext security, @PathParam("code") String code,
            @QueryParam("orgUnit") String orgUnit, @QueryParam("period") String period) {
        List<String> units = new ArrayList<>();
        if (orgUnit != null && !orgUnit.isBlank()) {
            units.add(orgUnit.trim());
            if (orgUnits.find(orgUnit.trim()).isPresent()) {
                orgUnits.children(orgUnit.trim()).stream().map(OrgUnit::code).forEach(units::add);
            }
        }
        List<String> periods = period == null ? List.of()
                : Arrays.stream(period.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        return forms.timeliness(RestSupport.caller(security), code, units, periods);
    }

    @POST
    @Path("{code}/outliers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a grid's values before saving with the submit's outlier rule (the unit's historic min-max); "
            + "answers the indicators whose value needs a comment, stores nothing")
    public List<ErrorDetail> outliers(@Context SecurityContext security, @PathParam("code") String code,
            OutlierCheck check) {
        OutlierCheck c = RestSupport.body(check);
        return forms.outliers(RestSupport.caller(security), code, c.orgUnit(), c.period(), c.values());
    }
}
