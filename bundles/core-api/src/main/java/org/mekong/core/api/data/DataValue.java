package org.mekong.core.api.data;

import java.time.Instant;

/**
 * The current value of one indicator for one org unit and one period, with its workflow
 * {@code state} and, when REJECTED, the verifier's {@code reason}.
 */
public record DataValue(
        String indicator,
        String orgUnit,
        String period,
        Double value,
        String comment,
        DataValueState state,
        String reason,
        long version,
        String updatedBy,
        Instant updatedAt) {
}
