package ${package}.internal;

import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Brings ${provinceName}'s tables up to date (src/main/resources/db/${province}-changelog.xml) before the store starts. */
@Component(service = Schema.class)
public class Schema {
    static final String CHANGELOG = "db/${province}-changelog.xml";

    @Activate
    public Schema(@Reference SchemaMigrator migrator) {
        migrator.migrate(CHANGELOG, Schema.class.getClassLoader());
    }
}
