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
        Overview o = overviews.overview(caller, unitCode, asOfId);
        Comparator<ChildRow> order = Comparator.comparing((ChildRow r) -> switch (measure) {
            case "tasks" -> r.taskOnTimeShare();
            case "timeliness" -> r.timeliness();
            default -> r.greenShare();
        }, Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(r -> r.orgUnit().code());
        List<ChildRow> sorted = o.children().stream().sorted(order).toList();
        List<RankRow> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ChildRow r = sorted.get(i);
            rows.add(new RankRow(i + 1, r.orgUnit(), r.greenShare(), r.taskOnTimeShare(), r.timeliness()));
        }
        return new Rankings(measure, o.asOf(), rows);
    }
}
