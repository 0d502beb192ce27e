package org.mekong.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mekong identity", description = "Accounts, tokens, lockout, password policy and the first administrator")
@interface IdentityConfig {

    @AttributeDefinition(description = "Password of the first 'admin' account, used only when no admin exists yet. "
            + "The environment variable MEKONG_ADMIN_PASSWORD wins; when both are empty a password is generated "
            + "and printed once.")
    String admin_password() default "";

    @AttributeDefinition(description = "Lifetime of a bearer token in minutes")
    int token_ttl_minutes() default 480;

    @AttributeDefinition(description = "Seconds a verified HTTP Basic credential is remembered, to spare the slow hash")
    int basic_cache_seconds() default 120;

    @AttributeDefinition(description = "Failed logins of one account within the window that lock it (0: never)")
    int lockout_failures() default 10;

    @AttributeDefinition(description = "Failed logins from one client address (IPv6: its /64) within the window "
            + "that lock every login from there (0: never)")
    int lockout_address_failures() default 50;

    @AttributeDefinition(description = "Seconds over which failed logins are counted")
    int lockout_window_seconds() default 900;

    @AttributeDefinition(description = "Seconds a locked account or address stays locked; even the right password is refused")
    int lockout_seconds() default 900;

    @AttributeDefinition(description = "Minimum length of a password, in characters (at least 8)")
    int password_min_length() default 12;
}
