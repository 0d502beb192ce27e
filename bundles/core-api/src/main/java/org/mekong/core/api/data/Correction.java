package org.mekong.core.api.data;

import java.time.Instant;

/**
 * A reporter's request to reopen a VERIFIED value, with the reason; a verifier who may decide on
 * the unit (not the requester) accepts it, which returns the value to DRAFT, or declines it with
 * a reason, which leaves the value VERIFIED. {@code valueVersion} is the version it was asked for.
 */
public record Correction(long id, String indicator, String orgUnit, String period, long valueVersion, String reason,
        CorrectionState state, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
        String decisionReason) {

    public DataValueKey key() {
        return new DataValueKey(indicator, orgUnit, period);
    }
}
