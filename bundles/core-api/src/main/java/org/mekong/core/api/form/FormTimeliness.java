package org.mekong.core.api.form;

import java.util.List;

/** Timeliness of a form over a set of units and periods: each unit's period, and how many were on time, late or missing. */
public record FormTimeliness(String form, int onTime, int late, int notSubmitted, List<UnitTimeliness> units) {

    public FormTimeliness {
        units = List.copyOf(units);
    }

    /** Counts the states of the rows. */
    public static FormTimeliness of(String form, List<UnitTimeliness> units) {
        int onTime = 0;
        int late = 0;
        for (UnitTimeliness u : units) {
            onTime += u.state() == SubmissionState.ON_TIME ? 1 : 0;
            late += u.state() == SubmissionState.LATE ? 1 : 0;
        }
        return new FormTimeliness(form, onTime, late, units.size() - onTime - late, units);
    }
}
