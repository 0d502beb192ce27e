package org.mekong.web.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.annotation.Priority;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Writes are authorised before their input is read: a POST, PUT, PATCH or DELETE from an anonymous
 * caller is a 401 unless the resource method is {@code @PermitAll} (login, citizens' feedback,
 * Open311), and a method annotated {@code @RolesAllowed} refuses a caller without one of its roles
 * (ADMIN always has them) with 403 — before the body is parsed or checked, so nobody learns from
 * validation messages what they may not do. Services still check roles and org-unit scope: this
 * only makes the answer come first. Plugins annotate their resources the same way.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("mekong.write-access")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@Priority(Priorities.AUTHORIZATION - 100)
public class WriteAccessFilter implements ContainerRequestFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Class<?> type = resource.getResourceClass();
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : type == null ? null : type.getAnnotation(RolesAllowed.class);
        boolean write = WRITES.contains(request.getMethod());
        if (!write && roles == null) {
            return;
        }
        Caller caller = MekongRest.caller(request.getSecurityContext());
        if (roles == null && method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        if (caller.isAnonymous()) {
            request.abortWith(ErrorMapper.respond(401, "unauthorized", "Sign in to do this: send a bearer token or HTTP Basic",
                    List.of(), request.getHeaderString("X-Requested-With") == null));
            return;
        }
        if (roles != null && !caller.hasRole(Role.ADMIN)
                && Arrays.stream(roles.value()).noneMatch(r -> caller.roles().stream().anyMatch(h -> h.name().equals(r)))) {
            request.abortWith(ErrorMapper.respond(403, "forbidden", "User '" + caller.username() + "' needs one of the roles "
                    + Arrays.toString(roles.value()), List.of()));
        }
    }
}
