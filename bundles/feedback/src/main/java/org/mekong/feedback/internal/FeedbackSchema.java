package org.mekong.feedback.internal;

import org.mekong.core.api.schema.SchemaMigrator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Brings the feedback and discussion tables up to date before any feedback service starts. */
@Component(service = FeedbackSchema.class)
public class FeedbackSchema {

    @Activate
    public FeedbackSchema(@Reference SchemaMigrator migrator) {
        migrator.migrate("db/feedback-changelog.xml", FeedbackSchema.class.getClassLoader());
    }
}
