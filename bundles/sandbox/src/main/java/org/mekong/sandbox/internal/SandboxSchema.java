package org.mekong.sandbox.internal;

import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Brings the sandbox tables up to date before any sandbox service starts. */
@Component(service = SandboxSchema.class)
public class SandboxSchema {

    @Activate
    public SandboxSchema(@Reference SchemaMigrator migrator) {
        migrator.migrate("db/sandbox-changelog.xml", SandboxSchema.class.getClassLoader());
    }
}
