package org.mekong.monitoring.internal;

import java.time.Instant;

import org.mekong.core.spi.WarningSeverity;

/** A raised warning and where it stands. */
public record Warning(long id, String rule, WarningSeverity severity, String orgUnit, String subjectType,
        String subjectKey, String message, Instant raisedAt, String status, String acknowledgedBy,
        Instant acknowledgedAt, Instant closedAt) {
}
