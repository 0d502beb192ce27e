package org.mekong.web.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.identity.NewUser;
import org.mekong.core.api.identity.User;
import org.mekong.core.api.identity.UserPatch;
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

/** Account administration (ADMIN, CENTRAL_IT; only ADMIN grants or changes ADMIN and CENTRAL_IT). */
@Component(service = UserResource.class)
@JaxrsResource
@JaxrsName("mekong.users")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity")
public class UserResource {
    private final IdentityService identity;

    @Activate
    public UserResource(@Reference IdentityService identity) {
        this.identity = identity;
    }

    @GET
    @Operation(summary = "All accounts")
    public List<User> list(@Context SecurityContext security) {
        return identity.list(RestSupport.caller(security));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account with roles and org-unit memberships")
    public Response create(@Context SecurityContext security, NewUser user) {
        // no body check here: the service checks the caller first (401/403 before 400)
        User created = identity.create(RestSupport.caller(security), user);
        return Response.created(URI.create("users/" + created.username())).entity(created).build();
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable an account, or change its roles, org units or display name")
    public User update(@Context SecurityContext security, @PathParam("username") String username, UserPatch patch) {
        return identity.update(RestSupport.caller(security), username, patch);
    }
}
