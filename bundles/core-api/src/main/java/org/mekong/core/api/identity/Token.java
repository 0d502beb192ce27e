package org.mekong.core.api.identity;

import java.time.Instant;

/** A bearer token issued at login; only its hash is stored. */
public record Token(String token, Instant expiresAt, User user) {
}
