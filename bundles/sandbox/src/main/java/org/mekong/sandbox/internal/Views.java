package org.mekong.sandbox.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the sandbox's REST resource answers and accepts. */
public final class Views {
    private Views() {
    }

    /** One of Resolution 193's pilot mechanisms. */
    public record Mechanism(String code, int no, String nameVi, String nameEn) {
    }

    /** A unit of a pilot, as pilot (treated) or control. */
    public record PilotUnit(String code, String nameVi, String nameEn, String group, Instant addedAt) {
    }

    /** A watched indicator. */
    public record WatchedIndicator(String code, String nameVi, String nameEn, String unit, String periodicity,
            String direction) {
    }

    /**
     * A pilot. status: PLANNED (before its start), RUNNING, ENDED (past its end, no decision yet),
     * WIDENED, EXTENDED (running again until its new end) or STOPPED.
     */
    public record Pilot(String code, String titleVi, String titleEn, Mechanism mechanism, String policy,
            LocalDate start, LocalDate end, String status, String decision, String feature, List<PilotUnit> units,
            List<WatchedIndicator> indicators, List<Decision> decisions, String createdBy, Instant updatedAt,
            long version) {
    }

    /** A pilot in lists. */
    public record PilotSummary(String code, String titleVi, String titleEn, String mechanism, LocalDate start,
            LocalDate end, String status, int pilotUnits, int controlUnits, int indicators) {
    }

    /** What is sent to create or change a pilot. */
    public record PilotInput(String code, String titleVi, String titleEn, String mechanism, String policy, String start,
            String end, String feature, List<String> pilotUnits, List<String> controlUnits, List<String> indicators,
            Long version) {
    }

    /** A decision as sent: WIDEN (with units to add), EXTEND (with a new end) or STOP, always with a reason. */
    public record DecisionInput(String decision, String reason, String evidence, List<String> units, String until) {
    }

    /** A decision taken, with the evaluation it was based on. */
    public record Decision(long id, String decision, String reason, String evidence, LocalDate newEnd,
            List<String> addedUnits, String decidedBy, Instant decidedAt, Evaluation evaluation) {
    }

    /** A group's figures for one indicator. */
    public record GroupFigures(int units, Double before, Double after, Double change) {
    }

    /** A point of the chart: a group's average in one period. */
    public record SeriesPoint(String period, Double pilot, Double control, int pilotUnits, int controlUnits) {
    }

    /** The evaluation of one watched indicator. */
    public record IndicatorEvaluation(String indicator, String nameVi, String nameEn, String unit, String direction,
            List<String> beforePeriods, List<String> pilotPeriods, GroupFigures pilot, GroupFigures control,
            Double differenceInDifferences, String verdict, String readingVi, String readingEn,
            List<SeriesPoint> series) {
    }

    /**
     * The evaluation of a pilot. {@code valueStates}: the states of the values it counts, VERIFIED only
     * for the public (and for the evidence a decision keeps), SUBMITTED and VERIFIED for staff of the
     * pilot's units; null in evaluations kept before 2026-12.
     */
    public record Evaluation(String pilot, LocalDate start, LocalDate end, LocalDate asOf, Instant computedAt,
            List<IndicatorEvaluation> indicators, List<String> valueStates) {
    }
}
