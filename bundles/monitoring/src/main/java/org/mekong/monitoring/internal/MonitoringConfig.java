package org.mekong.monitoring.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the monitoring plugin (config pid {@code org.mekong.monitoring}). */
@ObjectClassDefinition(name = "Mekong monitoring", description = "Task status, warnings and demo data")
public @interface MonitoringConfig {

    @AttributeDefinition(description = "A task not done is DUE_SOON this many days before its deadline")
    int due_soon_days() default 14;

    @AttributeDefinition(description = "Days after a period's end before its missing values count as stale")
    int stale_grace_days() default 30;

    @AttributeDefinition(description = "Consecutive worsening periods that make a falling trend")
    int falling_periods() default 3;

    @AttributeDefinition(description = "Minutes between scheduled runs of the warning rules (0: only on data change and on demand)")
    int warnings_interval_minutes() default 15;

    @AttributeDefinition(description = "Seconds to wait after a data change before the rules run (changes meanwhile share one run)")
    int warnings_after_change_seconds() default 30;

    @AttributeDefinition(description = "Achievement of target (value / target) from which the light is AMBER instead of RED")
    double amber_ratio() default 0.8;

    @AttributeDefinition(description = "Load the demo tasks, targets and a year and more of values when the plugin first starts on an empty database")
    boolean demo_data() default true;
}
