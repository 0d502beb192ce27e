package org.mekong.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mekong identity", description = "Accounts, tokens and the first administrator")
@interface IdentityConfig {

    @AttributeDefinition(description = "Password of the first 'admin' account, used only when no admin exists yet. "
            + "The environment variable MEKONG_ADMIN_PASSWORD wins; when both are empty a password is generated "
            + "and printed once.")
    String admin_password() default "";

    @AttributeDefinition(description = "Lifetime of a bearer token in minutes")
    int token_ttl_minutes() default 480;

    @AttributeDefinition(description = "Seconds a verified HTTP Basic credential is remembered, to spare the slow hash")
    int basic_cache_seconds() default 120;
}
