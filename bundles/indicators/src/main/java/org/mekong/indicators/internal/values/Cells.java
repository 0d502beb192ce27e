package org.mekong.indicators.internal.values;

import java.util.HashMap;
import java.util.Map;

import org.mekong.core.api.data.IndicatorValue;

/** The values found so far for indicator x unit x period, by key. */
final class Cells {
    private final Map<String, IndicatorValue> byKey = new HashMap<>();

    static String key(String indicator, String unit, String period) {
        return indicator + '|' + unit + '|' + period;
    }

    void put(IndicatorValue v) {
        byKey.put(key(v.indicator(), v.orgUnit(), v.period()), v);
    }

    IndicatorValue get(String indicator, String unit, String period) {
        return byKey.get(key(indicator, unit, period));
    }

    void addAll(Cells other) {
        byKey.putAll(other.byKey);
    }

    Map<String, IndicatorValue> asMap() {
        return byKey;
    }
}
