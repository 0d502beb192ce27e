package org.mekong.core.api.data;

/**
 * The value of an indicator at an org unit for a period as {@link IndicatorValues} answers it.
 * {@code state} is the stored value's workflow state for a unit's own value, null otherwise;
 * {@code verified} is true when everything behind the value is VERIFIED (an own value in that
 * state, a rollup or formula over verified values only, or a plugin's computation from operational
 * data); {@code count} is the number of stored values behind it (1 for an own value). A formula
 * that cannot be computed (an input missing, a division by zero) answers {@code value} null with
 * a {@code note} saying why; every other answer has a value and no note.
 */
public record IndicatorValue(String indicator, String orgUnit, String period, Double value, ValueSource source,
        DataValueState state, boolean verified, long count, String note) {

    /** A value with nothing to note. */
    public IndicatorValue(String indicator, String orgUnit, String period, double value, ValueSource source,
            DataValueState state, boolean verified, long count) {
        this(indicator, orgUnit, period, Double.valueOf(value), source, state, verified, count, null);
    }

    /** Where a value comes from. */
    public enum ValueSource {
        /** The unit's own stored value. */
        OWN,
        /** Combined from the stored values of the units below. */
        ROLLUP,
        /** Computed by the indicator's formula from other indicators' values. */
        FORMULA,
        /** Computed by the plugin contributing the indicator. */
        PLUGIN
    }
}
