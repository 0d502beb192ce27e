package org.mekong.web.internal.rest;

import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Context;
import javax.ws.rs.POST;
import javax.ws.rs.Consumes;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.annotation.security.RolesAllowed;

import org.mekong.core.api.Page;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;
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

/** The org-unit tree: public reference data. */
@Component(service = OrgUnitResource.class)
@JaxrsResource
@JaxrsName("mekong.orgunits")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("orgunits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orgunits")
public class OrgUnitResource {
    private final OrgUnitService orgUnits;

    @Activate
    public OrgUnitResource(@Reference OrgUnitService orgUnits) {
        this.orgUnits = orgUnits;
    }

    @GET
    @Operation(summary = "Org units, filtered by level and by a name or code fragment (accents optional)")
    public Page<OrgUnit> search(@QueryParam("level") String level, @QueryParam("q") String q,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return orgUnits.search(RestSupport.parseEnum(OrgUnitLevel.class, "level", level), q, Page.offset(offset),
                Page.limit(limit));
    }

    @RolesAllowed({ "ADMIN", "CENTRAL_IT" })
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a unit under a parent (ADMIN or CENTRAL_IT); the path is derived")
    public Response create(@Context SecurityContext security,
            OrgUnit unit) {
        OrgUnit created = orgUnits.create(RestSupport.caller(security), RestSupport.body(unit));
        return Response.status(201).entity(created).build();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One org unit")
    public OrgUnit get(@PathParam("code") String code) {
        return orgUnits.get(code);
    }

    @GET
    @Path("{code}/children")
    @Operation(summary = "The direct children of an org unit")
    public List<OrgUnit> children(@PathParam("code") String code) {
        return orgUnits.children(code);
    }

    @GET
    @Path("{code}/subtree")
    @Operation(summary = "An org unit and all its descendants, in tree order")
    public Page<OrgUnit> subtree(@PathParam("code") String code, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return orgUnits.subtree(code, Page.offset(offset), Page.limit(limit));
    }
}
