package org.mekong.storage.internal;

import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Brings the storage tables up to date; the storage services reference it so they start after. */
@Component(service = StorageSchema.class)
public class StorageSchema {

    @Activate
    public StorageSchema(@Reference SchemaMigrator migrator) {
        migrator.migrate("db/storage-changelog.xml", StorageSchema.class.getClassLoader());
    }
}
