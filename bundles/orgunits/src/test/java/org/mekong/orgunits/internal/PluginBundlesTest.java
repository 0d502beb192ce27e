package org.mekong.orgunits.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Which bundles may be scoped (issue 14 #1): plugins only, never the core closure, a library or the framework. */
public class PluginBundlesTest {
    private final List<Bundle> bundles = new ArrayList<>();
    private boolean featuresBroken;

    @Test
    public void onlyAnInstalledPluginMayBeScoped() {
        bundle(0, "org.apache.felix.framework", "system-bundle", null);
        bundle(10, "org.mekong.orgunits", "mvn:org.mekong.bundles/org.mekong.orgunits/1", "org.mekong.core.api");
        bundle(11, "org.mekong.web", "mvn:org.mekong.bundles/org.mekong.web/1", "org.mekong.core.api;version=\"[1.3,2)\"");
        bundle(12, "org.apache.cxf.cxf-core", "mvn:org.apache.cxf/cxf-core/3", "javax.xml.stream");
        bundle(20, "org.mekong.province.hue", "mvn:org.mekong.bundles/org.mekong.province.hue/1",
                "javax.ws.rs,org.mekong.core.spi;version=\"[1.0,2)\"");
        bundle(21, "mekong-province-danang", "mvn:vn.gov.danang/mekong-province-danang/1",
                "org.mekong.core.api.orgunit;version=\"[1.3,2)\",org.slf4j");
        bundle(22, "org.jsoup", "mvn:org.jsoup/jsoup/1", "javax.annotation");
        bundle(23, "org.mekong.corelike", "mvn:x/corelike/1", "org.mekong.coreutils");
        PluginBundles plugins = new PluginBundles(context(), features());

        assertEquals(Optional.empty(), plugins.whyNot("org.mekong.province.hue"));
        assertEquals("a plugin of another name space", Optional.empty(), plugins.whyNot("mekong-province-danang"));
        assertRefused(plugins.whyNot("org.mekong.web"), "part of the Mekong core");
        assertRefused(plugins.whyNot("org.mekong.orgunits"), "part of the Mekong core");
        assertRefused(plugins.whyNot("org.apache.cxf.cxf-core"), "part of the Mekong core");
        assertRefused(plugins.whyNot("org.apache.felix.framework"), "part of the Mekong core");
        assertRefused(plugins.whyNot("org.jsoup"), "not a Mekong plugin");
        assertRefused(plugins.whyNot("org.mekong.corelike"), "not a Mekong plugin");
        assertRefused(plugins.whyNot("org.mekong.nothing"), "no bundle 'org.mekong.nothing' is installed");
        assertTrue(plugins.knownNotPlugin("org.mekong.web"));
        assertFalse("not installed is not known", plugins.knownNotPlugin("org.mekong.nothing"));
        assertFalse(plugins.knownNotPlugin("org.mekong.province.hue"));

        featuresBroken = true;
        assertRefused(plugins.whyNot("org.mekong.province.hue"), "cannot be read");
        assertFalse("a stored scope is kept when the core cannot be read", plugins.knownNotPlugin("org.mekong.province.hue"));
    }

    private static void assertRefused(Optional<String> why, String expected) {
        assertTrue(why.toString(), why.isPresent() && why.get().contains(expected));
    }

    private void bundle(long id, String name, String location, String imports) {
        Hashtable<String, String> headers = new Hashtable<>();
        if (imports != null) {
            headers.put("Import-Package", imports);
        }
        bundles.add(proxy(Bundle.class, Map.of("getBundleId", id, "getSymbolicName", name, "getLocation", location,
                "getHeaders", headers)));
    }

    private BundleContext context() {
        Bundle self = bundles.stream().filter(b -> b.getSymbolicName().equals("org.mekong.orgunits")).findFirst().get();
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { BundleContext.class },
                (p, m, a) -> switch (m.getName()) {
                    case "getBundles" -> bundles.toArray(new Bundle[0]);
                    case "getBundle" -> self;
                    default -> null;
                });
    }

    /** mekong-core has org.mekong.web and org.mekong.orgunits and needs cxf, which has cxf-core. */
    private FeaturesService features() {
        Feature cxf = feature("cxf-core", List.of(), "mvn:org.apache.cxf/cxf-core/3");
        Feature core = feature("mekong-core", List.of("cxf-core"), "mvn:org.mekong.bundles/org.mekong.web/1",
                "mvn:org.mekong.bundles/org.mekong.orgunits/1");
        Map<String, Feature> byName = Map.of("mekong-core", core, "cxf-core", cxf);
        return (FeaturesService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { FeaturesService.class },
                (p, m, a) -> {
                    if (featuresBroken) {
                        throw new IllegalStateException("repository unavailable");
                    }
                    return "getFeatures".equals(m.getName()) && a.length == 1 && byName.containsKey(a[0])
                            ? new Feature[] { byName.get(a[0]) } : null;
                });
    }

    private static Feature feature(String name, List<String> needs, String... locations) {
        List<Dependency> deps = needs.stream().map(n -> proxy(Dependency.class, Map.of("getName", n))).toList();
        List<BundleInfo> infos = new ArrayList<>();
        for (String l : locations) {
            infos.add(proxy(BundleInfo.class, Map.of("getLocation", l)));
        }
        return proxy(Feature.class, Map.of("getId", name + "/1", "getDependencies", deps, "getBundles", infos,
                "getConditional", List.of()));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(PluginBundlesTest.class.getClassLoader(), new Class<?>[] { type },
                (p, m, a) -> answers.get(m.getName()));
    }
}
