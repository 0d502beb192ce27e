package org.mekong.monitoring.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mekong.core.api.Period;
import org.mekong.core.api.Caller;
import org.mekong.core.api.data.IndicatorValue;
import org.mekong.core.api.data.IndicatorValues;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;

/** Reporting timeliness: the share of expected manual-indicator periods of the year up to asOf for which a unit has a value. */
final class Timeliness {
    private final IndicatorValues values;
    private final IndicatorRegistry indicators;

    Timeliness(IndicatorValues values, IndicatorRegistry indicators) {
        this.values = values;
        this.indicators = indicators;
    }

    /**
     * Share of the expected periods (stored manual indicators x their periods within asOf's year
     * up to asOf) for which the unit has a value, own or rolled up; null when nothing is expected
     * or the unit reports none of them.
     */
    Map<String, Double> of(Caller caller, List<Indicator> inds, List<OrgUnit> units, Period asOf,
            Set<org.mekong.core.api.data.DataValueState> states) {
        List<Indicator> manual = inds.stream().filter(Indicator::isManual).toList();
        Period year = Period.parse(asOf.id().substring(0, 4));
        Map<String, List<Period>> window = new HashMap<>();
        Set<String> allPeriods = new HashSet<>();
        int expected = 0;
        for (Indicator i : manual) {
            List<Period> ps = new ArrayList<>();
            Period first = Period.containing(i.periodicity(), year.start());
            for (Period p = first; !p.end().isAfter(asOf.end()); p = p.next()) {
                ps.add(p);
                allPeriods.add(p.id());
            }
            window.put(i.code(), ps);
            expected += ps.size();
        }
        Map<String, Integer> present = new HashMap<>();
        for (IndicatorValue v : values.read(caller, manual.stream().map(Indicator::code).toList(),
                units.stream().map(OrgUnit::code).toList(), allPeriods, states)) {
            Indicator ind = indicators.find(v.indicator()).orElse(null);
            if (ind != null && window.getOrDefault(ind.code(), List.of()).stream().anyMatch(p -> p.id().equals(v.period()))) {
                present.merge(v.orgUnit(), 1, Integer::sum);
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (OrgUnit u : units) {
            // A unit that reports nothing at all (e.g. a ministry for provincial indicators) has no timeliness.
            Integer n = present.get(u.code());
            out.put(u.code(), expected == 0 || n == null ? null : n / (double) expected);
        }
        return out;
    }
}
