package org.mekong.monitoring.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.IndicatorValue;
import org.mekong.core.api.data.IndicatorValues;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.monitoring.internal.DashboardService.Cell;

/** The indicator rows of a unit: each indicator's latest value with a value, its target and traffic light, and their counts. */
final class IndicatorCells {
    private final IndicatorValues values;
    private final TargetService targets;
    private final DoubleSupplier amberRatio;

    IndicatorCells(IndicatorValues values, TargetService targets, DoubleSupplier amberRatio) {
        this.values = values;
        this.targets = targets;
        this.amberRatio = amberRatio;
    }

    /**
     * For each indicator, the cell of its latest period (of its periodicity) ending within asOf,
     * or of the newest of the three periods before it that has a value, as the caller may see it
     * (the core's visibility rule: verified values only, unless the caller's scope covers the unit).
     */
    Map<String, List<Cell>> latestCells(Caller caller, List<Indicator> inds, List<OrgUnit> units, Period asOf,
            Set<DataValueState> states) {
        Map<String, List<Period>> periods = new HashMap<>();
        for (Indicator i : inds) {
            // The latest period and up to three before it: the newest with a value is shown.
            Period p = asOf.latestWithin(i.periodicity());
            periods.put(i.code(), List.of(p, p.previous(), p.previous().previous(), p.previous().previous().previous()));
        }
        Set<String> chosenPeriods = new HashSet<>();
        periods.values().forEach(ps -> ps.forEach(p -> chosenPeriods.add(p.id())));
        Map<String, IndicatorValue> resolved = new HashMap<>();
        for (IndicatorValue v : values.read(caller, inds.stream().map(Indicator::code).toList(),
                units.stream().map(OrgUnit::code).toList(), chosenPeriods, states)) {
            resolved.put(key(v.indicator(), v.orgUnit(), v.period()), v);
        }
        Map<String, Double> tg = targets.lookup(inds.stream().map(Indicator::code).toList(),
                units.stream().map(OrgUnit::code).toList(), chosenPeriods);
        Map<String, List<Cell>> out = new LinkedHashMap<>();
        for (OrgUnit u : units) {
            List<Cell> cells = new ArrayList<>();
            for (Indicator i : inds) {
                List<Period> ps = periods.get(i.code());
                Period chosen = ps.get(0);
                IndicatorValue r = resolved.get(key(i.code(), u.code(), chosen.id()));
                for (int back = 1; back < ps.size() && (r == null || r.value() == null); back++) {
                    IndicatorValue before = resolved.get(key(i.code(), u.code(), ps.get(back).id()));
                    if (before != null && before.value() != null) {
                        chosen = ps.get(back);
                        r = before;
                    }
                }
                Double v = r == null ? null : r.value();
                Double t = tg.get(key(i.code(), u.code(), chosen.id()));
                cells.add(new Cell(i.code(), i.nameVi(), i.nameEn(), i.layer(), i.unit(), i.direction(), chosen.id(), v,
                        t, Colour.of(i, v, t, amberRatio.getAsDouble()), r != null && r.source() == IndicatorValue.ValueSource.OWN,
                        r == null ? 0 : r.count(), note(r), r == null ? null : r.source().name(),
                        r == null || r.state() == null ? null : r.state().name(), r == null || r.verified()));
            }
            out.put(u.code(), cells);
        }
        return out;
    }

    static String key(String indicator, String unit, String period) {
        return indicator + '|' + unit + '|' + period;
    }

    /** What a reader must know about a value: why a formula has none, or that it is not (all) verified; or null. */
    static String note(IndicatorValue v) {
        if (v == null || v.note() != null || v.verified()) {
            return v == null ? null : v.note();
        }
        return v.state() != null ? "Chưa xác minh (" + v.state() + ") / Not verified (" + v.state() + ")"
                : "Gồm số liệu chưa xác minh / Includes values not verified yet";
    }

    /** The unit's overall light from its cells ({@link Colour#overall}). */
    static Colour overall(List<Cell> cells) {
        return Colour.overall(count(cells, Colour.GREEN), count(cells, Colour.AMBER), count(cells, Colour.RED));
    }

    static int count(List<Cell> cells, Colour colour) {
        return (int) cells.stream().filter(c -> c.colour() == colour).count();
    }

    static Double greenShare(List<Cell> cells) {
        long lit = cells.stream().filter(c -> c.colour() == Colour.GREEN || c.colour() == Colour.AMBER
                || c.colour() == Colour.RED).count();
        return lit == 0 ? null : count(cells, Colour.GREEN) / (double) lit;
    }
}
