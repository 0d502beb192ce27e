package org.mekong.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mekong web", description = "Limits of the REST API")
@interface WebConfig {

    @AttributeDefinition(description = "Largest accepted request body in bytes; larger ones get 413")
    long max_body_bytes() default 16L * 1024 * 1024;
}
