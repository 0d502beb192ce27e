package org.mekong.core.api;

/**
 * The platform roles (DESIGN.md section 7). EDITOR writes portal content and REVIEWER approves
 * and publishes it (added in 1.3).
 */
public enum Role {
    ADMIN, CENTRAL_IT, LEADER, REPORTER, VERIFIER, MODERATOR, EXPERT, CITIZEN, EDITOR, REVIEWER
}
