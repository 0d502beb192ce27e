package org.mekong.core.api;

import java.util.Arrays;
import java.util.Set;

/**
 * Who is calling a service: the authenticated user, their roles and the org units they belong
 * to. Services check roles and org-unit scope against it; anonymous callers have no name.
 */
public record Caller(String username, Set<Role> roles, Set<String> orgUnits) {

    private static final Caller ANONYMOUS = new Caller(null, Set.of(), Set.of());

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        orgUnits = orgUnits == null ? Set.of() : Set.copyOf(orgUnits);
    }

    public static Caller anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return username == null;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    /** ADMIN and CENTRAL_IT act on the whole tree. */
    public boolean isNational() {
        return hasAnyRole(Role.ADMIN, Role.CENTRAL_IT);
    }

    /** Throws 401 for anonymous callers, 403 when none of the roles is held. */
    public void require(Role... anyOf) {
        if (isAnonymous()) {
            throw new UnauthorizedException("Authentication required");
        }
        if (anyOf.length > 0 && !hasAnyRole(anyOf) && !hasRole(Role.ADMIN)) {
            throw new ForbiddenException("User '" + username + "' needs one of the roles " + Arrays.toString(anyOf));
        }
    }
}
