package org.mekong.portal.internal;

import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Brings the portal tables up to date before any portal service starts. */
@Component(service = PortalSchema.class)
public class PortalSchema {

    @Activate
    public PortalSchema(@Reference SchemaMigrator migrator) {
        migrator.migrate("db/portal-changelog.xml", PortalSchema.class.getClassLoader());
    }
}
