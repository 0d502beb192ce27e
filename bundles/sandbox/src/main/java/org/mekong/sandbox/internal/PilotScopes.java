package org.mekong.sandbox.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
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
 * Scoped activation for pilots: a pilot naming a {@code feature} enables that Karaf feature's own
 * bundles for the pilot's pilot units only (through the core's {@link PluginScopes}), so its
 * endpoints, menu entries and unit checks follow the pilot. Widening adds units to the scope at
 * once; stopping leaves the feature enabled nowhere. {@code feature} may also name a bundle symbolic
 * name directly. Only central IT attaches a feature to a pilot or changes such a pilot, and the scope
 * is set under that caller's own identity; which bundles may be scoped at all is the core's rule.
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

    /** 403 unless the caller is CENTRAL_IT (or ADMIN): a pilot's feature switches a plugin off everywhere else. */
    static void requireCentralIt(Caller caller, String feature) {
        caller.require();
        if (!caller.hasAnyRole(Role.CENTRAL_IT, Role.ADMIN)) {
            throw new ForbiddenException("Only CENTRAL_IT may attach a feature to a pilot or change a pilot that has "
                    + "one ('" + feature + "'); user '" + caller.username() + "' may not",
                    List.of(new ErrorDetail("feature", "only CENTRAL_IT may set or change it")));
        }
    }

    /**
     * Checks before anything is stored that the caller may pilot the feature and that every bundle of
     * it may be scoped: 403 for a caller without CENTRAL_IT, 400 naming the feature otherwise.
     */
    void check(Caller caller, String feature) {
        requireCentralIt(caller, feature);
        Set<String> bundles = bundlesOf(feature);
        if (bundles.isEmpty()) {
            throw InvalidInputException.field("feature", "'" + feature + "' is neither an installed Karaf feature "
                    + "with bundles of its own nor an installed bundle");
        }
        for (String b : bundles) {
            scopes.whyNotScopable(b).ifPresent(why -> {
                throw InvalidInputException.field("feature", "'" + feature + "' cannot be piloted: " + why);
            });
        }
    }

    /** The installed bundles of a feature (its own, not those it depends on), or the bundle of that symbolic name. */
    Set<String> bundlesOf(String feature) {
        Set<String> out = new LinkedHashSet<>();
        try {
            Feature f = features.getFeature(feature);
            if (f != null) {
                for (BundleInfo info : f.getBundles()) {
                    for (Bundle b : context.getBundles()) {
                        if (!info.isDependency() && info.getLocation().equals(b.getLocation())
                                && b.getSymbolicName() != null) {
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

    /** Applies a pilot's scope to its feature's bundles, as the (real) caller; answers the bundles scoped. */
    Set<String> apply(Caller caller, Pilot p) {
        if (p.feature() == null) {
            return Set.of();
        }
        Set<String> bundles = bundlesOf(p.feature());
        if (bundles.isEmpty()) {
            LOG.warn("Pilot {}: feature '{}' has no installed bundle to scope", p.code(), p.feature());
            return bundles;
        }
        List<String> units = "STOPPED".equals(p.status()) ? List.of()
                : p.units().stream().filter(u -> "PILOT".equals(u.group())).map(PilotUnit::code).toList();
        for (String b : bundles) {
            scopes.restrict(caller, b, units, reason(p.code()));
        }
        return bundles;
    }

    /** Lifts the scopes this pilot set on a feature it no longer names. */
    void release(Caller caller, String pilot, String feature) {
        for (String b : bundlesOf(feature)) {
            if (scopes.scopeOf(b).map(s -> reason(pilot).equals(s.reason())).orElse(false)) {
                scopes.lift(caller, b);
            }
        }
    }

    private static String reason(String pilot) {
        return "pilot " + pilot;
    }
}
