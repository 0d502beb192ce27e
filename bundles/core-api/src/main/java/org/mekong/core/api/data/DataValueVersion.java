package org.mekong.core.api.data;

import java.time.Instant;

/** One version of a data value in its history: what it was, and who made it so and when. */
public record DataValueVersion(long version, Double value, String comment, DataValueState state, String reason,
        String action, String changedBy, Instant changedAt) {
}
