package org.mekong.web.internal.rest;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Caller;
import org.mekong.core.spi.UiContribution;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The menu the UI shell shows: every registered {@link UiContribution} the caller may see. */
@Component(service = UiContributionResource.class)
@JaxrsResource
@JaxrsName("mekong.ui")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("ui/contributions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ui")
public class UiContributionResource {
    private static final Logger LOG = LoggerFactory.getLogger(UiContributionResource.class);

    private final List<UiContribution> contributions = new CopyOnWriteArrayList<>();
    private final org.mekong.core.api.orgunit.PluginScopes scopes;

    @org.osgi.service.component.annotations.Activate
    public UiContributionResource(@Reference org.mekong.core.api.orgunit.PluginScopes scopes) {
        this.scopes = scopes;
    }

    /** One menu entry as the shell reads it. */
    public record MenuEntry(String id, String labelVi, String labelEn, String href, String moduleUrl, int order) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addContribution(UiContribution contribution) {
        contributions.add(contribution);
    }

    void removeContribution(UiContribution contribution) {
        contributions.remove(contribution);
    }

    @GET
    @Operation(summary = "Menu entries contributed by the installed plugins, for the caller's roles")
    public List<MenuEntry> list(@Context SecurityContext security) {
        Caller caller = MekongRest.caller(security);
        return contributions.stream().map(c -> {
            try {
                String role = c.requiredRole();
                if (role != null && !caller.hasRole(org.mekong.core.api.Role.ADMIN) && caller.roles().stream()
                        .noneMatch(r -> java.util.Arrays.stream(role.split(",")).map(String::trim)
                                .anyMatch(r.name()::equals))) {
                    return null;
                }
                org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(c.getClass());
                if (bundle != null && !scopes.allows(bundle.getSymbolicName(), caller)) {
                    return null; // a scoped plugin's entries show only to users within its scope
                }
                return new MenuEntry(c.id(), c.labelVi(), c.labelEn(), c.href(), c.moduleUrl(), c.order());
            } catch (RuntimeException e) {
                LOG.warn("UI contribution {} failed; left out of the menu", c, e);
                return null;
            }
        }).filter(java.util.Objects::nonNull).sorted(Comparator.comparingInt(MenuEntry::order)
                .thenComparing(MenuEntry::id)).toList();
    }
}
