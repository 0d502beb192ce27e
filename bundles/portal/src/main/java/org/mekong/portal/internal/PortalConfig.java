package org.mekong.portal.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the portal plugin (config pid {@code org.mekong.portal}). */
@ObjectClassDefinition(name = "Mekong portal", description = "Scheduled publication, home figures, feeds and demo content")
public @interface PortalConfig {
    String PID = "org.mekong.portal";

    @AttributeDefinition(description = "How often (seconds) scheduled items are checked and published when due")
    int schedule_interval_seconds() default 30;

    @AttributeDefinition(description = "How long (seconds) the home page keeps a plugin's overview figures")
    int figures_cache_seconds() default 60;

    @AttributeDefinition(description = "Items in each feed")
    int feed_size() default 30;

    @AttributeDefinition(description = "Load the demo articles, documents and activities on first start on an empty database")
    boolean demo_data() default true;
}
