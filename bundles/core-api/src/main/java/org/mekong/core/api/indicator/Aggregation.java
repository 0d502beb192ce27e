package org.mekong.core.api.indicator;

/**
 * How an indicator's values combine over the units below a unit, declared by the indicator (as
 * DHIS2's aggregation type). The value of a unit without its own value is the combination of the
 * values at the shallowest level below it that has any.
 */
public enum Aggregation {
    /** Counts and amounts: the values add up. */
    SUM,
    /** Rates and shares where each unit weighs the same: the plain mean. */
    AVERAGE,
    /**
     * Rates and shares weighted by another indicator (the denominator, {@link Indicator#weightIndicator()}):
     * the sum of value x weight over the sum of weights, units without a weight left out.
     */
    WEIGHTED_AVERAGE,
    /** Stocks (e.g. staff at the end of the period): over units the values add up, over time the latest counts. */
    LAST,
    /** The lowest value below. */
    MIN,
    /** The highest value below. */
    MAX,
    /** Not combined: a unit has a value only when it reports one itself. */
    NONE
}
