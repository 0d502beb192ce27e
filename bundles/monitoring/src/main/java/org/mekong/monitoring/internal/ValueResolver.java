package org.mekong.monitoring.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.UnitValue;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.spi.IndicatorProvider;
import org.mekong.indicators.formula.Formula;
import org.mekong.indicators.formula.FormulaException;

/** Resolves the value of indicator x unit x period: stored (own or rolled up), a formula over other indicators, or a plugin's. */
final class ValueResolver {
    private final DataValueService values;
    private final IndicatorRegistry indicators;
    private final List<IndicatorProvider> providers;

    /** A value found for indicator x unit x period, or why there is none. */
    record Resolved(Double value, boolean own, long count, String note) {
    }

    /** @param providers the live list of indicator providers, kept up to date by the DS component */
    ValueResolver(DataValueService values, IndicatorRegistry indicators, List<IndicatorProvider> providers) {
        this.values = values;
        this.indicators = indicators;
        this.providers = providers;
    }

    static String key(String indicator, String unit, String period) {
        return indicator + '|' + unit + '|' + period;
    }

    /** Values for the indicators at the units for each indicator's periods: stored, formula or plugin. */
    Map<String, Resolved> resolve(List<Indicator> inds, List<OrgUnit> units, Map<String, List<Period>> periods,
            boolean verifiedOnly) {
        Map<String, Resolved> out = new HashMap<>();
        // Stored values and the inputs of formulas, in one read of the aggregate rows.
        Set<String> stored = new HashSet<>();
        Set<String> storedPeriods = new HashSet<>();
        Map<String, Formula> formulas = new HashMap<>();
        for (Indicator i : inds) {
            if (i.formula() != null && !i.formula().isBlank()) {
                try {
                    Formula f = Formula.parse(i.formula());
                    formulas.put(i.code(), f);
                    for (String in : f.inputs()) {
                        indicators.find(in).ifPresent(input -> {
                            stored.add(input.code());
                            periods.get(i.code()).forEach(p -> storedPeriods.add(p.latestWithin(input.periodicity()).id()));
                        });
                    }
                } catch (FormulaException e) {
                    periods.get(i.code()).forEach(p -> units.forEach(u -> out.put(key(i.code(), u.code(), p.id()),
                            new Resolved(null, false, 0, "formula: " + e.getMessage()))));
                }
            } else if (i.source() != IndicatorSource.PLUGIN) {
                stored.add(i.code());
                periods.get(i.code()).forEach(p -> storedPeriods.add(p.id()));
            }
        }
        List<String> unitCodes = units.stream().map(OrgUnit::code).toList();
        Map<String, UnitValue> raw = new HashMap<>();
        for (UnitValue v : values.valuesAt(stored, unitCodes, storedPeriods, verifiedOnly)) {
            raw.put(key(v.indicator(), v.orgUnit(), v.period()), v);
        }
        for (Indicator i : inds) {
            for (Period p : periods.get(i.code())) {
                for (OrgUnit u : units) {
                    String k = key(i.code(), u.code(), p.id());
                    if (out.containsKey(k)) {
                        continue;
                    }
                    Formula f = formulas.get(i.code());
                    if (f != null) {
                        out.put(k, evaluate(f, u, p, raw));
                    } else if (i.source() == IndicatorSource.PLUGIN) {
                        out.put(k, fromProvider(i, u, p));
                    } else {
                        UnitValue v = raw.get(k);
                        if (v != null) {
                            out.put(k, new Resolved(v.value(), v.own(), v.count(), null));
                        }
                    }
                }
            }
        }
        return out;
    }

    private Resolved evaluate(Formula f, OrgUnit u, Period p, Map<String, UnitValue> raw) {
        try {
            long[] count = { Long.MAX_VALUE };
            double v = f.evaluate(code -> indicators.find(code).map(in -> {
                UnitValue uv = raw.get(key(code, u.code(), p.latestWithin(in.periodicity()).id()));
                if (uv != null) {
                    count[0] = Math.min(count[0], uv.count());
                }
                return uv == null ? null : uv.value();
            }).orElse(null));
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return new Resolved(null, false, 0, "formula: the result is not a finite number");
            }
            return new Resolved(v, false, count[0] == Long.MAX_VALUE ? 0 : count[0], null);
        } catch (FormulaException e) {
            return new Resolved(null, false, 0, "formula: " + e.getMessage());
        }
    }

    private Resolved fromProvider(Indicator i, OrgUnit u, Period p) {
        for (IndicatorProvider provider : providers) {
            if (provider.name().equals(i.provider())) {
                try {
                    Double v = provider.valueOf(i.code(), u, p);
                    return v == null ? null : new Resolved(v, false, 1, null);
                } catch (RuntimeException e) {
                    return new Resolved(null, false, 0, "plugin " + provider.name() + ": " + e.getMessage());
                }
            }
        }
        return null;
    }
}
