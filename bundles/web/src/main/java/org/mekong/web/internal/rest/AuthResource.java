package org.mekong.web.internal.rest;

import java.time.Instant;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.annotation.security.PermitAll;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.identity.PasswordChange;
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

/** Login, logout, "who am I" and changing one's own password. */
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
    public LoginResponse login(@Context HttpServletRequest http, Credentials credentials) {
        Credentials c = RestSupport.body(credentials);
        if (c.username() == null || c.username().isBlank() || c.password() == null || c.password().isEmpty()) {
            throw InvalidInputException.field(c.username() == null || c.username().isBlank() ? "username" : "password",
                    "is required");
        }
        Token token = identity.login(c.username(), c.password(), http == null ? null : http.getRemoteAddr());
        return new LoginResponse(token.token(), "Bearer", token.expiresAt(), token.user());
    }

    @PermitAll
    @POST
    @Path("auth/logout")
    @Operation(summary = "Revoke the bearer token of this request")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = bearer(authorization);
        if (token != null) {
            identity.logout(token);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change one's own password (the old one is required); other tokens of the account are revoked")
    public Response changePassword(@Context SecurityContext security, @Context HttpServletRequest http,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, PasswordChange change) {
        Caller caller = RestSupport.caller(security);
        caller.require();
        identity.changePassword(caller, RestSupport.body(change), http == null ? null : http.getRemoteAddr(),
                bearer(authorization));
        return Response.noContent().build();
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
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
