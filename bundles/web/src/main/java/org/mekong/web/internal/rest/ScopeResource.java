package org.mekong.web.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Role;
import org.mekong.core.api.orgunit.PluginScope;
import org.mekong.core.api.orgunit.PluginScopes;
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

/** {@code /api/scopes}: which plugins are enabled for some org units only (scoped activation). */
@Component(service = ScopeResource.class)
@JaxrsResource
@JaxrsName("mekong.scopes")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("scopes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plugins")
public class ScopeResource {
    private final PluginScopes scopes;

    @Activate
    public ScopeResource(@Reference PluginScopes scopes) {
        this.scopes = scopes;
    }

    /** A scope as sent. */
    public record ScopeInput(List<String> units, String reason) {
    }

    @GET
    @Operation(summary = "The scoped plugins (bundle symbolic name, units, reason); any signed-in user")
    public List<PluginScope> list(@Context SecurityContext security) {
        MekongRest.caller(security).require();
        return scopes.all();
    }

    @PUT
    @Path("{bundle}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable a plugin bundle for these units (and their subtrees) only; CENTRAL_IT, audited under "
            + "the caller's name. Core bundles, libraries and bundles not installed are refused (400 naming the bundle)")
    public PluginScope restrict(@Context SecurityContext security, @PathParam("bundle") String bundle, ScopeInput in) {
        return scopes.restrict(MekongRest.caller(security), bundle, in == null ? null : in.units(),
                in == null ? null : in.reason());
    }

    @DELETE
    @Path("{bundle}")
    @Operation(summary = "Enable a plugin bundle everywhere again; CENTRAL_IT")
    public Response lift(@Context SecurityContext security, @PathParam("bundle") String bundle) {
        MekongRest.caller(security).require(Role.CENTRAL_IT);
        scopes.lift(MekongRest.caller(security), bundle);
        return Response.noContent().build();
    }
}
