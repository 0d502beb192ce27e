package org.mekong.monitoring.internal;

import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Brings the monitoring tables up to date before any monitoring service starts. */
@Component(service = MonitoringSchema.class)
public class MonitoringSchema {

    @Activate
    public MonitoringSchema(@Reference SchemaMigrator migrator) {
        migrator.migrate("db/monitoring-changelog.xml", MonitoringSchema.class.getClassLoader());
    }
}
