package org.mekong.core.api;

/** The platform roles (DESIGN.md section 7). */
public enum Role {
    ADMIN, CENTRAL_IT, LEADER, REPORTER, VERIFIER, MODERATOR, EXPERT, CITIZEN
}
