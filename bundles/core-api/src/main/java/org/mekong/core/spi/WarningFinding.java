package org.mekong.core.spi;

/**
 * One problem a {@link WarningRule} found: the org unit it concerns, what it is about
 * ({@code subjectType} such as TASK, INDICATOR, DATAVALUE, FEEDBACK and its key), how serious it
 * is and a message for people (Vietnamese or English, as the rule chooses).
 */
public record WarningFinding(String orgUnit, String subjectType, String subjectKey, WarningSeverity severity,
        String message) {
}
