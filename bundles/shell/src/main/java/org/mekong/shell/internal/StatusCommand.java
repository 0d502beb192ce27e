package org.mekong.shell.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.framework.BundleContext;

/** {@code mekong:status}: version, database, installed Mekong plugins and record counts. */
@Command(scope = "mekong", name = "status", description = "Shows the Mekong version, database, installed plugins and counts")
@Service
public class StatusCommand implements Action {
    /** Features of the core itself; every other installed mekong-* feature is a plugin. */
    static final java.util.Set<String> CORE_FEATURES = java.util.Set.of("mekong-core", "mekong-database", "mekong-libs");

    @Reference
    private BundleContext context;
    @Reference
    private FeaturesService features;
    @Reference
    private SchemaMigrator migrator;
    @Reference
    private OrgUnitService orgUnits;
    @Reference
    private IndicatorRegistry indicators;
    @Reference
    private DataValueService values;

    @Override
    public Object execute() throws Exception {
        List<Feature> installed = Arrays.stream(features.listInstalledFeatures())
                .filter(f -> f.getName().startsWith("mekong-") && !CORE_FEATURES.contains(f.getName()))
                .sorted(Comparator.comparing(Feature::getName)).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format("Mekong version   : %s%n", context.getBundle().getVersion()));
        out.append(String.format("Database         : %s%n", migrator.databaseDescription()));
        out.append(String.format("Plugins          : %s%n", installed.isEmpty() ? "(none)"
                : String.join(", ", installed.stream().map(f -> f.getName() + " " + f.getVersion()).toList())));
        out.append(String.format("Org units        : %d%n", orgUnits.count()));
        out.append(String.format("Indicators       : %d%n", indicators.count()));
        out.append(String.format("Data values      : %d%n", values.count()));
        System.out.print(out);
        return null;
    }
}
