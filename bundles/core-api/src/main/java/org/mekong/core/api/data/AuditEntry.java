package org.mekong.core.api.data;

import java.time.Instant;

/** One audited change: who did what to which record, with the state before and after (JSON). */
public record AuditEntry(long id, Instant at, String actor, String entityType, String entityKey, String action,
        String before, String after) {
}
