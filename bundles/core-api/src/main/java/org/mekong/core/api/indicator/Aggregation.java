package org.mekong.core.api.indicator;

/** How an indicator's values combine over the units below a unit. */
public enum Aggregation {
    SUM, AVERAGE
}
