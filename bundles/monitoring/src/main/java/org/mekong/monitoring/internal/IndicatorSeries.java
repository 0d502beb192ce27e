package org.mekong.monitoring.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.IndicatorValue;
import org.mekong.core.api.data.IndicatorValues;
import org.mekong.core.api.indicator.Aggregation;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.monitoring.internal.DashboardService.Rollup;
import org.mekong.monitoring.internal.DashboardService.RollupPoint;
import org.mekong.monitoring.internal.DashboardService.Trend;
import org.mekong.monitoring.internal.DashboardService.TrendPoint;

/** One indicator at one unit over a range of periods: its trend with targets and lights, and its rollup over the subtree. */
final class IndicatorSeries {
    private final IndicatorValues values;
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final TargetService targets;
    private final DashboardAccess access;
    private final DoubleSupplier amberRatio;

    IndicatorSeries(IndicatorValues values, IndicatorRegistry indicators, OrgUnitService orgUnits,
            TargetService targets, DashboardAccess access, DoubleSupplier amberRatio) {
        this.values = values;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.targets = targets;
        this.access = access;
        this.amberRatio = amberRatio;
    }

    Trend trend(Caller caller, String indicatorCode, String unitCode, String from, String to, String asOf) {
        Indicator ind = indicators.get(DashboardParams.required(indicatorCode, "indicator"));
        OrgUnit unit = orgUnits.get(DashboardParams.required(unitCode, "orgUnit"));
        access.verifiedOnly(caller, unit);
        String last = (to == null || to.isBlank()) && asOf != null && !asOf.isBlank()
                ? DashboardParams.asOf(asOf).latestWithin(ind.periodicity()).id() : to;
        List<Period> periods = DashboardParams.range(ind, from, last);
        Map<String, IndicatorValue> resolved = read(caller, ind, unit, periods);
        Map<String, Double> tg = targets.lookup(List.of(ind.code()), List.of(unit.code()),
                periods.stream().map(Period::id).toList());
        List<TrendPoint> points = new ArrayList<>();
        for (Period p : periods) {
            IndicatorValue r = resolved.get(p.id());
            Double v = r == null ? null : r.value();
            Double t = tg.get(IndicatorCells.key(ind.code(), unit.code(), p.id()));
            points.add(new TrendPoint(p.id(), v, t, Colour.of(ind, v, t, amberRatio.getAsDouble()),
                    IndicatorCells.note(r), r == null || r.state() == null ? null : r.state().name(),
                    r == null || r.verified()));
        }
        return new Trend(ind.code(), unit.code(), points);
    }

    Rollup rollup(Caller caller, String indicatorCode, String unitCode, String from, String to) {
        Indicator ind = indicators.get(DashboardParams.required(indicatorCode, "indicator"));
        OrgUnit unit = orgUnits.get(DashboardParams.required(unitCode, "orgUnit"));
        access.verifiedOnly(caller, unit);
        List<Period> periods = DashboardParams.range(ind, from, to);
        Map<String, IndicatorValue> found = read(caller, ind, unit, periods);
        List<RollupPoint> points = periods.stream().map(p -> {
            IndicatorValue v = found.get(p.id());
            if (v == null || v.value() == null) {
                return new RollupPoint(p.id(), null, 0, null);
            }
            // The sum behind a total or a mean; the other aggregations have none to show.
            Double sum = null;
            if (ind.aggregation() == Aggregation.AVERAGE) {
                sum = v.value() * v.count();
            } else if (ind.aggregation() == Aggregation.SUM || ind.aggregation() == Aggregation.LAST) {
                sum = v.value();
            }
            return new RollupPoint(p.id(), v.value(), v.count(), sum);
        }).toList();
        return new Rollup(ind.code(), unit.code(), ind.aggregation().name(), points);
    }

    /** The indicator's values at the unit by period, as the caller may see them. */
    private Map<String, IndicatorValue> read(Caller caller, Indicator ind, OrgUnit unit, List<Period> periods) {
        Map<String, IndicatorValue> out = new HashMap<>();
        for (IndicatorValue v : values.read(caller, List.of(ind.code()), List.of(unit.code()),
                periods.stream().map(Period::id).toList(), null)) {
            out.put(v.period(), v);
        }
        return out;
    }
}
