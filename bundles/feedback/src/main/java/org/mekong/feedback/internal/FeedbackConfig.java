package org.mekong.feedback.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the feedback plugin (config pid {@code org.mekong.feedback}). */
@ObjectClassDefinition(name = "Mekong feedback", description = "Processing deadlines, intake limits, public address and demo data")
public @interface FeedbackConfig {
    String PID = "org.mekong.feedback";

    @AttributeDefinition(description = "Processing days for a difficulty or obstacle")
    int deadline_days_DIFFICULTY() default 15;

    @AttributeDefinition(description = "Processing days for a policy proposal")
    int deadline_days_POLICY_PROPOSAL() default 30;

    @AttributeDefinition(description = "Processing days for an initiative")
    int deadline_days_INITIATIVE() default 30;

    @AttributeDefinition(description = "Processing days for an administrative procedure")
    int deadline_days_ADMIN_PROCEDURE() default 10;

    @AttributeDefinition(description = "Processing days for other feedback")
    int deadline_days_OTHER() default 20;

    @AttributeDefinition(description = "Submissions accepted per minute from one client address (anonymous) or one "
            + "signed-in account without a staff role (0: no limit)")
    int intake_rate_per_minute() default 10;

    @AttributeDefinition(description = "Addresses of reverse proxies whose X-Forwarded-For header names the client, "
            + "comma separated (empty: none is believed)")
    String intake_trusted_proxies() default "";

    @AttributeDefinition(description = "Load the demo feedback (Hue's commune centres) and discussions on first start on an empty database")
    boolean demo_data() default true;
}
