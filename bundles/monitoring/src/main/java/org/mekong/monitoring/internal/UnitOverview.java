package org.mekong.monitoring.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mekong.core.api.Caller;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.Page;
import org.mekong.core.api.Period;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.monitoring.internal.DashboardService.Cell;
import org.mekong.monitoring.internal.DashboardService.ChildRow;
import org.mekong.monitoring.internal.DashboardService.Crumb;
import org.mekong.monitoring.internal.DashboardService.Overview;
import org.mekong.monitoring.internal.DashboardService.Summary;

/** One dashboard level: a unit's summary and indicator rows, its children's rows for drill-down, and the breadcrumb. */
final class UnitOverview {
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final TaskService tasks;
    private final WarningStore warnings;
    private final DashboardAccess access;
    private final IndicatorCells cells;
    private final Timeliness timeliness;
    private final java.util.function.DoubleSupplier amberRatio;
    private final OverviewCache cache;

    UnitOverview(IndicatorRegistry indicators, OrgUnitService orgUnits, TaskService tasks, WarningStore warnings,
            DashboardAccess access, IndicatorCells cells, Timeliness timeliness, java.util.function.DoubleSupplier amberRatio,
            OverviewCache cache) {
        this.cache = cache;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.tasks = tasks;
        this.warnings = warnings;
        this.access = access;
        this.cells = cells;
        this.timeliness = timeliness;
        this.amberRatio = amberRatio;
    }

    /** The dashboard level as the caller may see it; access is checked on every call, the result shared by readers who see the same ({@link OverviewCache}). */
    Overview overview(Caller caller, String unitCode, String asOfId, boolean verifiedView) {
        OrgUnit unit = orgUnits.get(unitCode == null || unitCode.isBlank() ? Scope.home(caller, orgUnits) : unitCode);
        // the public sees verified values only anyway; staff may ask for the verified view
        boolean verifiedOnly = access.verifiedOnly(caller, unit) || verifiedView;
        Period asOf = DashboardParams.asOf(asOfId);
        return cache.get(OverviewCache.audience(caller) + "|" + unit.code() + "|" + asOf.id() + "|" + verifiedOnly,
                () -> compute(caller, unit, verifiedOnly, asOf));
    }

    private Overview compute(Caller caller, OrgUnit unit, boolean verifiedOnly, Period asOf) {
        Set<DataValueState> states = verifiedOnly ? Set.of(DataValueState.VERIFIED) : null;
        List<OrgUnit> children = orgUnits.children(unit.code());
        List<OrgUnit> all = new ArrayList<>();
        all.add(unit);
        all.addAll(children);
        List<Indicator> inds = indicators.list(null, false);
        Map<String, List<Cell>> cellsByUnit = cells.latestCells(caller, inds, all, asOf, states);
        Map<String, Double> timelinessByUnit = timeliness.of(caller, inds, all, asOf, states);
        LocalDate today = LocalDate.now();
        TaskService.TaskCounts tc = tasks.counts(unit.path(), asOf.end(), today);
        List<Cell> own = cellsByUnit.get(unit.code());
        Map<String, TaskService.TaskCounts> childTasks = tasks.countsBelow(unit.path(), children, asOf.end(), today);
        Map<String, Long> childWarnings = warnings.countOpenBelow(unit.path(), children);
        Set<String> parents = parentsWithin(unit);
        List<ChildRow> rows = new ArrayList<>();
        int[] below = new int[3];
        for (OrgUnit child : children) {
            List<Cell> cs = cellsByUnit.get(child.code());
            TaskService.TaskCounts ctc = childTasks.get(child.code());
            ChildRow row = new ChildRow(child, IndicatorCells.count(cs, Colour.GREEN),
                    IndicatorCells.count(cs, Colour.AMBER), IndicatorCells.count(cs, Colour.RED),
                    IndicatorCells.count(cs, Colour.NONE), IndicatorCells.count(cs, Colour.UNRATED),
                    IndicatorCells.greenShare(cs), IndicatorCells.overall(cs), ctc.onTimeShare(),
                    timelinessByUnit.get(child.code()), childWarnings.get(child.code()), parents.contains(child.code()));
            rows.add(row);
            below[0] += row.green();
            below[1] += row.amber();
            below[2] += row.red();
        }
        // The units below, rated the same way as each of them: all their lights pooled, so the
        // figure lies between the lowest and the highest of theirs (a parent's own values are
        // averages and sums, which rate differently).
        int ratedBelow = below[0] + below[1] + below[2];
        Summary summary = new Summary(IndicatorCells.count(own, Colour.GREEN), IndicatorCells.count(own, Colour.AMBER),
                IndicatorCells.count(own, Colour.RED), IndicatorCells.count(own, Colour.NONE),
                IndicatorCells.count(own, Colour.UNRATED), IndicatorCells.greenShare(own), IndicatorCells.overall(own),
                ratedBelow == 0 ? null : below[0] / (double) ratedBelow, Colour.overall(below[0], below[1], below[2]),
                tc.due(), tc.onTime(), tc.overdue(), tc.onTimeShare(), timelinessByUnit.get(unit.code()),
                warnings.countOpen(unit.path()));
        return new Overview(unit, asOf.id(), verifiedOnly, breadcrumb(unit), summary, own, rows,
                amberRatio.getAsDouble());
    }

    /** Which units in the subtree have children of their own: the subtree, a page at a time. */
    private Set<String> parentsWithin(OrgUnit unit) {
        Set<String> parents = new HashSet<>();
        int limit = Page.MAX_LIMIT;
        for (int offset = 0;; offset += limit) {
            Page<OrgUnit> page = orgUnits.subtree(unit.code(), offset, limit);
            page.items().forEach(u -> parents.add(u.parentCode()));
            if (offset + limit >= page.total()) {
                break;
            }
        }
        return parents;
    }

    private List<Crumb> breadcrumb(OrgUnit unit) {
        List<Crumb> crumbs = new ArrayList<>();
        for (String code : unit.path().substring(1).split("/")) {
            orgUnits.find(code).ifPresent(u -> crumbs.add(new Crumb(u.code(), u.nameVi(), u.nameEn())));
        }
        return crumbs;
    }
}
