package org.mekong.web.internal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.orgunit.PluginScope;
import org.mekong.core.api.orgunit.PluginScopes;
import org.mekong.web.api.MekongRest;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Scoped activation of plugin endpoints: when the bundle of the matched resource is limited to
 * some org units ({@link PluginScopes}), a caller outside them is refused with 403 and a message
 * naming the scope; so is a request whose {@code orgUnit} parameter lies outside. National callers
 * (ADMIN, CENTRAL_IT) pass. Runs after authentication, on every request of the Mekong application.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("mekong.scope")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@Priority(Priorities.AUTHORIZATION)
public class ScopeFilter implements ContainerRequestFilter {
    private final PluginScopes scopes;

    @Context
    private ResourceInfo resource;

    @Activate
    public ScopeFilter(@Reference PluginScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        Bundle bundle = type == null ? null : FrameworkUtil.getBundle(type);
        if (bundle == null) {
            return;
        }
        String name = bundle.getSymbolicName();
        PluginScope scope = scopes.scopeOf(name).orElse(null);
        if (scope == null) {
            return;
        }
        Caller caller = MekongRest.caller(request.getSecurityContext());
        if (caller.isNational()) {
            return;
        }
        String unit = request.getUriInfo().getQueryParameters().getFirst("orgUnit");
        boolean unitOk = unit == null || unit.isBlank() ? !caller.isAnonymous() : scopes.allows(name, unit.trim());
        boolean callerOk = caller.isAnonymous() || scopes.allows(name, caller);
        if (!unitOk || !callerOk) {
            String where = scope.units().isEmpty() ? "no unit" : String.join(", ", scope.units());
            String who = unit != null && !unit.isBlank() && !unitOk ? "unit '" + unit.trim() + "'"
                    : caller.isAnonymous() ? "anonymous callers" : "user '" + caller.username() + "' (units "
                            + String.join(", ", caller.orgUnits()) + ")";
            throw new ForbiddenException("This function (" + name + ") is enabled only for " + where
                    + (scope.reason() == null ? "" : " — " + scope.reason()) + "; " + who + " is outside it");
        }
    }
}
