package org.mekong.storage.internal;

import java.util.List;
import java.util.Set;

import org.mekong.core.api.Period;
import org.mekong.core.api.data.Completeness;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;

/** Which values a unit owes for a period: the manual indicators of the period's periodicity enabled at the unit. */
final class CompletenessRule {
    private final IndicatorRegistry indicators;

    CompletenessRule(IndicatorRegistry indicators) {
        this.indicators = indicators;
    }

    Completeness of(OrgUnit unit, Period p, Set<String> present) {
        List<String> expected = indicators.list(null, false).stream()
                .filter(i -> i.isManual() && i.periodicity() == p.periodicity()
                        && indicators.enabledAt(i.code(), unit.code()))
                .map(Indicator::code).sorted().toList();
        List<String> missing = expected.stream().filter(code -> !present.contains(code)).toList();
        return new Completeness(expected.size(), expected.size() - missing.size(), missing);
    }
}
