package org.mekong.monitoring.internal;

import java.time.Instant;
import java.time.LocalDate;

/** A task of the action plan, with its computed status. */
public record Task(String code, String title, String strategyGroup, String orgUnit, String responsible,
        LocalDate deadline, String expectedProduct, int progress, TaskStatus status, LocalDate completedOn,
        Instant lastReportAt, long version) {
}
