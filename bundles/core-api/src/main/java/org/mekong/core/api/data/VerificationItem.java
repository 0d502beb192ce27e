package org.mekong.core.api.data;

/**
 * One row of the verification queue: the current value, the value of the same indicator and unit
 * for the period before ({@code previousPeriod}; {@code previousValue} and {@code previousState}
 * null when none was entered) and whether the value lies outside the range expected from the
 * unit's history, by the same min-max rule a submission is checked with ({@code outlierProblem}
 * says why, null when it is not an outlier).
 */
public record VerificationItem(DataValue value, String previousPeriod, Double previousValue,
        DataValueState previousState, boolean outlier, String outlierProblem) {
}
