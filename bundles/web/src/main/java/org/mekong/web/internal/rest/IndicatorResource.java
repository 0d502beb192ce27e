package org.mekong.web.internal.rest;

import java.net.URI;
import java.util.List;

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
import javax.annotation.security.RolesAllowed;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorRegistry;
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

/** The indicator registry: stored and plugin-provided definitions. */
@Component(service = IndicatorResource.class)
@JaxrsResource
@JaxrsName("mekong.indicators")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "indicators")
public class IndicatorResource {
    private final IndicatorRegistry registry;
    private final OrgUnitService orgUnits;

    @Activate
    public IndicatorResource(@Reference IndicatorRegistry registry, @Reference OrgUnitService orgUnits) {
        this.registry = registry;
        this.orgUnits = orgUnits;
    }

    @GET
    @Operation(summary = "All indicators, optionally of one layer; retired ones with includeRetired=true; with orgUnit, "
            + "only those enabled at that unit (a plugin piloted elsewhere leaves its indicators out)")
    public List<Indicator> list(@QueryParam("layer") String layer, @QueryParam("includeRetired") boolean retired,
            @QueryParam("orgUnit") String orgUnit) {
        List<Indicator> all = registry.list(RestSupport.parseEnum(IndicatorLayer.class, "layer", layer), retired);
        if (orgUnit == null || orgUnit.isBlank()) {
            return all;
        }
        String unit = orgUnit.trim();
        if (orgUnits.find(unit).isEmpty()) {
            throw InvalidInputException.field("orgUnit", "unknown org unit '" + unit + "'");
        }
        return all.stream().filter(i -> registry.enabledAt(i.code(), unit)).toList();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One indicator")
    public Indicator get(@PathParam("code") String code) {
        return registry.get(code);
    }

    @RolesAllowed("CENTRAL_IT")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Define a new indicator (CENTRAL_IT)")
    public Response create(@Context SecurityContext security, Indicator definition) {
        Indicator created = registry.create(RestSupport.caller(security), RestSupport.body(definition));
        return Response.created(URI.create("indicators/" + created.code())).entity(created).build();
    }

    @RolesAllowed("CENTRAL_IT")
    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update an indicator; the body's version must be the current one (else 409)")
    public Indicator update(@Context SecurityContext security, @PathParam("code") String code, Indicator definition) {
        return registry.update(RestSupport.caller(security), code, RestSupport.body(definition));
    }

    @RolesAllowed("CENTRAL_IT")
    @DELETE
    @Path("{code}")
    @Operation(summary = "Retire an indicator (kept for history); ?version= must be the current one")
    public Indicator retire(@Context SecurityContext security, @PathParam("code") String code,
            @QueryParam("version") Long version) {
        if (version == null) {
            throw InvalidInputException.field("version", "is required to retire an indicator");
        }
        return registry.retire(RestSupport.caller(security), code, version);
    }
}
