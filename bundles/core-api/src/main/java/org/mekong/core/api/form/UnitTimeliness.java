package org.mekong.core.api.form;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One unit's report of a form for a period: due on {@code dueDate}; {@code submittedAt} is when the
 * last of its expected values was first submitted (null while any is not submitted).
 */
public record UnitTimeliness(String orgUnit, String period, LocalDate dueDate, Instant submittedAt,
        SubmissionState state) {
}
