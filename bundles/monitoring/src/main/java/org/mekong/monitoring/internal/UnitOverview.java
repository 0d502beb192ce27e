package org.mekong.monitoring.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mekong.core.api.Caller;
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

    UnitOverview(IndicatorRegistry indicators, OrgUnitService orgUnits, TaskService tasks, WarningStore warnings,
            DashboardAccess access, IndicatorCells cells, Timeliness timeliness, java.util.function.DoubleSupplier amberRatio) {
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.tasks = tasks;
        this.warnings = warnings;
        this.access = access;
        this.cells = cells;
        this.timeliness = timeliness;
        this.amberRatio = amberRatio;
    }

    Overview overview(Caller caller, String unitCode, String asOfId) {
        OrgUnit unit = orgUnits.get(unitCode == null || unitCode.isBlank() ? Scope.home(caller, orgUnits) : unitCode);
        boolean verifiedOnly = access.verifiedOnly(caller, unit);
        Period asOf = DashboardParams.asOf(asOfId);
        List<OrgUnit> children = orgUnits.children(unit.code());
        List<OrgUnit> all = new ArrayList<>();
        all.add(unit);
        all.addAll(children);
        List<Indicator> inds = indicators.list(null, false);
        Map<String, List<Cell>> cellsByUnit = cells.latestCells(caller, inds, all, asOf);
        Map<String, Double> timelinessByUnit = timeliness.of(caller, inds, all, asOf);
        LocalDate today = LocalDate.now();
        TaskService.TaskCounts tc = tasks.counts(unit.path(), asOf.end(), today);
        List<Cell> own = cellsByUnit.get(unit.code());
        Summary summary = new Summary(IndicatorCells.count(own, Colour.GREEN), IndicatorCells.count(own, Colour.AMBER),
                IndicatorCells.count(own, Colour.RED), IndicatorCells.count(own, Colour.NONE),
                IndicatorCells.count(own, Colour.UNRATED), IndicatorCells.greenShare(own), IndicatorCells.overall(own), tc.due(), tc.onTime(), tc.overdue(), tc.onTimeShare(),
                timelinessByUnit.get(unit.code()), warnings.countOpen(unit.path()));
        Map<String, TaskService.TaskCounts> childTasks = tasks.countsBelow(unit.path(), children, asOf.end(), today);
        Map<String, Long> childWarnings = warnings.countOpenBelow(unit.path(), children);
        Set<String> parents = parentsWithin(unit);
        List<ChildRow> rows = new ArrayList<>();
        for (OrgUnit child : children) {
            List<Cell> cs = cellsByUnit.get(child.code());
            TaskService.TaskCounts ctc = childTasks.get(child.code());
            rows.add(new ChildRow(child, IndicatorCells.count(cs, Colour.GREEN), IndicatorCells.count(cs, Colour.AMBER),
                    IndicatorCells.count(cs, Colour.RED), IndicatorCells.count(cs, Colour.NONE),
                    IndicatorCells.count(cs, Colour.UNRATED), IndicatorCells.greenShare(cs), IndicatorCells.overall(cs), ctc.onTimeShare(), timelinessByUnit.get(child.code()),
                    childWarnings.get(child.code()), parents.contains(child.code())));
        }
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
