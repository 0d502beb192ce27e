package org.mekong.sandbox.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the sandbox plugin (config pid {@code org.mekong.sandbox}). */
@ObjectClassDefinition(name = "Mekong sandbox", description = "Sandbox pilots and their evaluation")
public @interface SandboxConfig {
    String PID = "org.mekong.sandbox";

    @AttributeDefinition(description = "Load the demo pilots on first start on an empty database")
    boolean demo_data() default true;
}
