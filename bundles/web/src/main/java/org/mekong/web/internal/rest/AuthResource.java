package org.mekong.web.internal.rest;

import java.time.Instant;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.annotation.security.PermitAll;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.identity.Token;
import org.mekong.core.api.identity.User;
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

/** Login, logout and "who am I". */
@Component(service = AuthResource.class)
@JaxrsResource
@JaxrsName("mekong.auth.resource")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity")
public class AuthResource {
    private final IdentityService identity;

    @Activate
    public AuthResource(@Reference IdentityService identity) {
        this.identity = identity;
    }

    /** Login request body. */
    public record Credentials(String username, String password) {
    }

    /** Login response body. */
    public record LoginResponse(String token, String tokenType, Instant expiresAt, User user) {
    }

    @PermitAll
    @POST
    @Path("auth/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with username and password; returns a bearer token")
    public LoginResponse login(Credentials credentials) {
        Credentials c = RestSupport.body(credentials);
        if (c.username() == null || c.username().isBlank() || c.password() == null || c.password().isEmpty()) {
            throw InvalidInputException.field(c.username() == null || c.username().isBlank() ? "username" : "password",
                    "is required");
        }
        Token token = identity.login(c.username(), c.password());
        return new LoginResponse(token.token(), "Bearer", token.expiresAt(), token.user());
    }

    @PermitAll
    @POST
    @Path("auth/logout")
    @Operation(summary = "Revoke the bearer token of this request")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            identity.logout(authorization.substring(7).trim());
        }
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    @Operation(summary = "The authenticated user, roles and org units")
    public Object me(@Context SecurityContext security) {
        Caller caller = RestSupport.caller(security);
        caller.require();
        return identity.find(caller.username()).<Object>map(u -> u)
                .orElse(Map.of("username", caller.username()));
    }
}
