package org.mekong.orgunits.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Conditional;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.mekong.core.api.orgunit.PluginScopes;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Which bundles may be scoped: installed <em>plugins</em> only. A bundle is a plugin when it builds on
 * the Mekong API (its {@code Import-Package} names an {@code org.mekong.core} package) and is not part
 * of the core, i.e. no feature of the {@value #CORE_FEATURE} closure (that feature and every feature it
 * pulls in, conditionals included, as the FeaturesService knows them at the time of the check) lists
 * it. So no list is kept by hand: the core's own bundles, the libraries (CXF, Jackson, Derby, Lucene,
 * ...), Karaf and the framework can never be scoped, while a new province plugin, whatever its
 * symbolic name, can be without any configuration. When the core feature cannot be read, nothing
 * may be scoped (fail closed).
 */
final class PluginBundles {
    static final String CORE_FEATURE = "mekong-core";
    private static final Pattern IMPORTS_MEKONG_API = Pattern.compile("(^|,)\\s*org\\.mekong\\.core(\\.[\\w.]+)?\\s*(;|,|$)");

    private final BundleContext context;
    private final FeaturesService features;

    PluginBundles(BundleContext context, FeaturesService features) {
        this.context = context;
        this.features = features;
    }

    /** Empty when the bundle may be scoped, else why not (naming it). */
    Optional<String> whyNot(String symbolicName) {
        List<Bundle> installed = installed(symbolicName);
        if (installed.isEmpty()) {
            return Optional.of("no bundle '" + symbolicName + "' is installed; only installed plugin bundles can be scoped");
        }
        try {
            return whyNotPlugin(symbolicName, installed);
        } catch (Exception e) {
            return Optional.of("the core feature " + CORE_FEATURE + " cannot be read (" + e.getMessage()
                    + "), so no bundle can be scoped now, '" + symbolicName + "' neither");
        }
    }

    /** True only when the bundle is installed and known not to be a plugin (the core, a library, the framework). */
    boolean knownNotPlugin(String symbolicName) {
        List<Bundle> installed = installed(symbolicName);
        try {
            return !installed.isEmpty() && whyNotPlugin(symbolicName, installed).isPresent();
        } catch (Exception e) {
            return false;
        }
    }

    private List<Bundle> installed(String symbolicName) {
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                out.add(b);
            }
        }
        return out;
    }

    private Optional<String> whyNotPlugin(String symbolicName, List<Bundle> installed) throws Exception {
        Set<String> core = coreLocations();
        for (Bundle b : installed) {
            if (b.getBundleId() == 0 || core.contains(b.getLocation()) || isAlwaysCore(b)) {
                return Optional.of("'" + symbolicName + "' is part of the Mekong core (feature " + CORE_FEATURE
                        + ") and can never be scoped");
            }
            String imports = b.getHeaders("").get("Import-Package");
            if (imports == null || !IMPORTS_MEKONG_API.matcher(imports).find()) {
                return Optional.of("'" + symbolicName + "' is not a Mekong plugin (it uses no org.mekong.core API) and "
                        + "can never be scoped");
            }
        }
        return Optional.empty();
    }

    /** This bundle and the API bundle, whatever the features say. */
    private boolean isAlwaysCore(Bundle b) {
        Bundle api = FrameworkUtil.getBundle(PluginScopes.class);
        return b.getBundleId() == context.getBundle().getBundleId() || api != null && b.getBundleId() == api.getBundleId();
    }

    /** The locations of every bundle of the core feature's closure (any version of each feature named). */
    private Set<String> coreLocations() throws Exception {
        Feature[] roots = features.getFeatures(CORE_FEATURE);
        if (roots == null || roots.length == 0) {
            throw new IllegalStateException("feature not found");
        }
        Set<String> locations = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<Feature> todo = new ArrayDeque<>(List.of(roots));
        while (!todo.isEmpty()) {
            Feature f = todo.pop();
            if (!seen.add(f.getId())) {
                continue;
            }
            List<Dependency> deps = new ArrayList<>(f.getDependencies());
            List<BundleInfo> bundles = new ArrayList<>(f.getBundles());
            for (Conditional c : f.getConditional()) {
                deps.addAll(c.getDependencies());
                bundles.addAll(c.getBundles());
            }
            for (BundleInfo info : bundles) {
                locations.add(info.getLocation());
                if (info.getOriginalLocation() != null) {
                    locations.add(info.getOriginalLocation());
                }
            }
            for (Dependency d : deps) {
                Feature[] named = features.getFeatures(d.getName());
                if (named != null) {
                    todo.addAll(List.of(named));
                }
            }
        }
        return locations;
    }
}
