package org.mekong.monitoring.internal;

import java.time.Instant;
import java.time.LocalDate;

/** A task's status, computed from its deadline, completion and reports on a given day. */
public enum TaskStatus {
    NOT_STARTED, ON_TRACK, DUE_SOON, OVERDUE, DONE, DONE_LATE;

    public static TaskStatus of(LocalDate deadline, LocalDate completedOn, Instant lastReportAt, LocalDate today,
            int dueSoonDays) {
        if (completedOn != null) {
            return completedOn.isAfter(deadline) ? DONE_LATE : DONE;
        }
        if (today.isAfter(deadline)) {
            return OVERDUE;
        }
        if (!today.plusDays(dueSoonDays).isBefore(deadline)) {
            return DUE_SOON;
        }
        return lastReportAt == null ? NOT_STARTED : ON_TRACK;
    }

    /** The same rule as an SQL condition on MON_TASK; parameters: today and today + due-soon days as needed. */
    String sql() {
        return switch (this) {
            case DONE -> "COMPLETED_ON IS NOT NULL AND COMPLETED_ON <= DEADLINE";
            case DONE_LATE -> "COMPLETED_ON IS NOT NULL AND COMPLETED_ON > DEADLINE";
            case OVERDUE -> "COMPLETED_ON IS NULL AND DEADLINE < ?";
            case DUE_SOON -> "COMPLETED_ON IS NULL AND DEADLINE >= ? AND DEADLINE <= ?";
            case NOT_STARTED -> "COMPLETED_ON IS NULL AND DEADLINE > ? AND LAST_REPORT_AT IS NULL";
            case ON_TRACK -> "COMPLETED_ON IS NULL AND DEADLINE > ? AND LAST_REPORT_AT IS NOT NULL";
        };
    }

    Object[] sqlParams(LocalDate today, int dueSoonDays) {
        return switch (this) {
            case DONE, DONE_LATE -> new Object[0];
            case OVERDUE -> new Object[] { today };
            case DUE_SOON -> new Object[] { today, today.plusDays(dueSoonDays) };
            case NOT_STARTED, ON_TRACK -> new Object[] { today.plusDays(dueSoonDays) };
        };
    }
}
