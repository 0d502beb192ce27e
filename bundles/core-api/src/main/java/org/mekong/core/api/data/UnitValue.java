package org.mekong.core.api.data;

/**
 * The value of an indicator at an org unit for a period: the unit's own value when
 * {@code own}, otherwise the rollup of the units below it at the shallowest level with data
 * (average or sum, see {@link org.mekong.core.api.indicator.Indicator#aggregation()}).
 * {@code count} is the number of values behind it (1 for an own value); {@code state} is the
 * own value's state, null for a rollup.
 */
public record UnitValue(String indicator, String orgUnit, String period, Double value, boolean own, long count,
        double sum, DataValueState state) {
}
