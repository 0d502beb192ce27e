package org.mekong.core.api.identity;

import java.util.Set;

import org.mekong.core.api.Role;

/** What an administrator supplies to create an account. */
public record NewUser(String username, String displayName, String password, Set<Role> roles, Set<String> orgUnits) {
}
