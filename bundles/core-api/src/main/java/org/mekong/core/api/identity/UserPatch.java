package org.mekong.core.api.identity;

import java.util.Set;

import org.mekong.core.api.Role;

/** Changes to an account; a null field is left as it is. */
public record UserPatch(String displayName, Boolean enabled, Set<Role> roles, Set<String> orgUnits) {
}
