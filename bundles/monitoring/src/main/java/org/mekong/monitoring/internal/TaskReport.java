package org.mekong.monitoring.internal;

import java.time.Instant;
import java.util.List;

/** One progress report on a task, with its evidence files. */
public record TaskReport(long id, String task, int progress, String difficulties, String proposals, boolean done,
        String reportedBy, Instant reportedAt, List<Evidence> evidence) {
}
