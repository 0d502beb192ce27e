package org.mekong.monitoring.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.UnitValue;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.monitoring.internal.DashboardService.Rollup;
import org.mekong.monitoring.internal.DashboardService.RollupPoint;
import org.mekong.monitoring.internal.DashboardService.Trend;
import org.mekong.monitoring.internal.DashboardService.TrendPoint;
import org.mekong.monitoring.internal.ValueResolver.Resolved;

/** One indicator at one unit over a range of periods: its trend with targets and lights, and its rollup over the subtree. */
final class IndicatorSeries {
    private final DataValueService values;
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final TargetService targets;
    private final DashboardAccess access;
    private final ValueResolver resolver;
    private final DoubleSupplier amberRatio;

    IndicatorSeries(DataValueService values, IndicatorRegistry indicators, OrgUnitService orgUnits,
            TargetService targets, DashboardAccess access, ValueResolver resolver, DoubleSupplier amberRatio) {
        this.values = values;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.targets = targets;
        this.access = access;
        this.resolver = resolver;
        this.amberRatio = amberRatio;
    }

    Trend trend(Caller caller, String indicatorCode, String unitCode, String from, String to, String asOf) {
        Indicator ind = indicators.get(DashboardParams.required(indicatorCode, "indicator"));
        OrgUnit unit = orgUnits.get(DashboardParams.required(unitCode, "orgUnit"));
        boolean verifiedOnly = access.verifiedOnly(caller, unit);
        String last = (to == null || to.isBlank()) && asOf != null && !asOf.isBlank()
                ? DashboardParams.asOf(asOf).latestWithin(ind.periodicity()).id() : to;
        List<Period> periods = DashboardParams.range(ind, from, last);
        Map<String, Resolved> resolved = resolver.resolve(List.of(ind), List.of(unit), Map.of(ind.code(), periods),
                verifiedOnly);
        Map<String, Double> tg = targets.lookup(List.of(ind.code()), List.of(unit.code()),
                periods.stream().map(Period::id).toList());
        List<TrendPoint> points = new ArrayList<>();
        for (Period p : periods) {
            Resolved r = resolved.get(ValueResolver.key(ind.code(), unit.code(), p.id()));
            Double v = r == null ? null : r.value();
            Double t = tg.get(ValueResolver.key(ind.code(), unit.code(), p.id()));
            points.add(new TrendPoint(p.id(), v, t, Colour.of(ind, v, t, amberRatio.getAsDouble()),
                    r == null ? null : r.note()));
        }
        return new Trend(ind.code(), unit.code(), points);
    }

    Rollup rollup(Caller caller, String indicatorCode, String unitCode, String from, String to) {
        Indicator ind = indicators.get(DashboardParams.required(indicatorCode, "indicator"));
        OrgUnit unit = orgUnits.get(DashboardParams.required(unitCode, "orgUnit"));
        boolean verifiedOnly = access.verifiedOnly(caller, unit);
        List<Period> periods = DashboardParams.range(ind, from, to);
        Map<String, UnitValue> found = new HashMap<>();
        for (UnitValue v : values.valuesAt(List.of(ind.code()), List.of(unit.code()),
                periods.stream().map(Period::id).toList(), verifiedOnly)) {
            found.put(v.period(), v);
        }
        List<RollupPoint> points = periods.stream().map(p -> {
            UnitValue v = found.get(p.id());
            return v == null ? new RollupPoint(p.id(), null, 0, null) : new RollupPoint(p.id(), v.value(), v.count(), v.sum());
        }).toList();
        return new Rollup(ind.code(), unit.code(), ind.aggregation().name(), points);
    }
}
