package org.mekong.portal.internal;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.Role;

/** Who may write, review or see unpublished portal content. */
final class PortalAccess {
    static final Role[] WRITERS = { Role.EDITOR, Role.REVIEWER };

    private PortalAccess() {
    }

    static boolean isWriter(Caller caller) {
        return !caller.isAnonymous() && caller.hasAnyRole(Role.EDITOR, Role.REVIEWER, Role.ADMIN);
    }

    static void requireReviewer(Caller caller, String what) {
        if (!caller.hasAnyRole(Role.REVIEWER, Role.ADMIN)) {
            throw new ForbiddenException("Only a reviewer may " + what);
        }
    }
}
