package org.mekong.core.api.indicator;

/** Whether a higher or a lower value is better; decides how thresholds colour a value. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
