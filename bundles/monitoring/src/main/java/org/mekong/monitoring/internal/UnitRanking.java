package org.mekong.monitoring.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.monitoring.internal.DashboardService.ChildRow;
import org.mekong.monitoring.internal.DashboardService.Overview;
import org.mekong.monitoring.internal.DashboardService.RankRow;
import org.mekong.monitoring.internal.DashboardService.Rankings;

/** Ranks the children of a unit by greening, task punctuality or reporting timeliness. */
final class UnitRanking {
    private final UnitOverview overviews;

    UnitRanking(UnitOverview overviews) {
        this.overviews = overviews;
    }

    Rankings rankings(Caller caller, String unitCode, String asOfId, String by) {
        String measure = by == null || by.isBlank() ? "greening" : by;
        if (!List.of("greening", "tasks", "timeliness").contains(measure)) {
            throw InvalidInputException.field("by", "one of greening, tasks, timeliness");
        }
        Overview o = overviews.overview(caller, unitCode, asOfId, false);
        java.util.function.Function<ChildRow, Double> measureOf = r -> switch (measure) {
            case "tasks" -> r.taskOnTimeShare();
            case "timeliness" -> r.timeliness();
            default -> r.greenShare();
        };
        // Best first, units without the measure last; within a tie by name, which is display order, not rank.
        Comparator<ChildRow> order = Comparator.comparing(measureOf, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> r.orgUnit().nameVi()).thenComparing(r -> r.orgUnit().code());
        List<ChildRow> sorted = o.children().stream().sorted(order).toList();
        List<RankRow> rows = new ArrayList<>();
        Integer rank = null;
        Double previous = null;
        for (int i = 0; i < sorted.size(); i++) {
            ChildRow r = sorted.get(i);
            Double m = measureOf.apply(r);
            if (m != null && !m.equals(previous)) {
                // Competition ranking: equal measures share a rank, the next rank skips the tied places.
                rank = i + 1;
                previous = m;
            }
            rows.add(new RankRow(m == null ? null : rank, m == null, r.orgUnit(), r.greenShare(), r.colour(),
                    r.taskOnTimeShare(), r.timeliness()));
        }
        return new Rankings(measure, o.asOf(), rows);
    }
}
