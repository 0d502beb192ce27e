package org.mekong.sandbox.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;
import org.mekong.core.api.orgunit.PluginScopes;
import org.mekong.sandbox.internal.Views.Pilot;
import org.mekong.sandbox.internal.Views.PilotUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scoped activation for pilots: a pilot naming a {@code feature} enables that Karaf feature's
 * Mekong bundles for the pilot's pilot units only (through the core's {@link PluginScopes}), so
 * its endpoints, menu entries and unit checks follow the pilot. Widening adds units to the scope at
 * once; stopping leaves the feature enabled nowhere. {@code feature} may also name a bundle
 * symbolic name directly.
 */
@Component(service = PilotScopes.class)
public class PilotScopes {
    private static final Logger LOG = LoggerFactory.getLogger(PilotScopes.class);

    private final PluginScopes scopes;
    private final FeaturesService features;
    private final BundleContext context;

    @Activate
    public PilotScopes(@Reference PluginScopes scopes, @Reference FeaturesService features, BundleContext context) {
        this.scopes = scopes;
        this.features = features;
        this.context = context;
    }

    /** The Mekong bundles of a feature (or the bundle of that symbolic name). */
    Set<String> bundlesOf(String feature) {
        Set<String> out = new LinkedHashSet<>();
        try {
            Feature f = features.getFeature(feature);
            if (f != null) {
                for (BundleInfo info : f.getBundles()) {
                    for (Bundle b : context.getBundles()) {
                        if (info.getLocation().equals(b.getLocation()) && b.getSymbolicName() != null
                                && b.getSymbolicName().startsWith("org.mekong.")) {
                            out.add(b.getSymbolicName());
                        }
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("Cannot read feature {}: {}", feature, e.toString());
        }
        if (out.isEmpty()) {
            for (Bundle b : context.getBundles()) {
                if (feature.equals(b.getSymbolicName())) {
                    out.add(feature);
                }
            }
        }
        return out;
    }

    /** Applies a pilot's scope to its feature's bundles; answers the bundles scoped. */
    Set<String> apply(Caller caller, Pilot p) {
        if (p.feature() == null) {
            return Set.of();
        }
        Set<String> bundles = bundlesOf(p.feature());
        if (bundles.isEmpty()) {
            LOG.warn("Pilot {}: feature '{}' has no installed Mekong bundle to scope", p.code(), p.feature());
            return bundles;
        }
        List<String> units = "STOPPED".equals(p.status()) ? List.of()
                : p.units().stream().filter(u -> "PILOT".equals(u.group())).map(PilotUnit::code).toList();
        Caller acting = new Caller("sandbox:" + caller.username(), Set.of(Role.CENTRAL_IT), Set.of());
        for (String b : bundles) {
            scopes.restrict(acting, b, units, "pilot " + p.code());
        }
        return bundles;
    }
}
