package org.mekong.core.api.identity;

import java.util.Set;

import org.mekong.core.api.Role;

/** A platform account (never carries its password or hash). */
public record User(String username, String displayName, Set<Role> roles, Set<String> orgUnits, boolean enabled) {
}
