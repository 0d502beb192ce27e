package org.mekong.monitoring.internal;

import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;

/** Traffic-light colours and the rule that gives them (see docs/monitoring.md). */
public enum Colour {
    GREEN, AMBER, RED, NONE;

    /**
     * With a target: achievement (value / target, or target / value when lower is better) of 1
     * or more is GREEN, from {@code amberRatio} AMBER, else RED. Without a target the indicator's
     * own thresholds decide. NONE when there is no value or nothing to compare it with.
     */
    public static Colour of(Indicator indicator, Double value, Double target, double amberRatio) {
        if (value == null) {
            return NONE;
        }
        boolean higher = indicator.direction() != Direction.LOWER_IS_BETTER;
        if (target != null) {
            double achievement;
            if (higher) {
                achievement = target == 0 ? (value >= 0 ? 1 : 0) : value / target;
            } else {
                achievement = value <= target ? 1 : (value == 0 ? 1 : target / value);
            }
            return achievement >= 1 ? GREEN : achievement >= amberRatio ? AMBER : RED;
        }
        Double green = indicator.greenThreshold();
        Double red = indicator.redThreshold();
        if (green == null && red == null) {
            return NONE;
        }
        if (green != null && (higher ? value >= green : value <= green)) {
            return GREEN;
        }
        if (red != null && (higher ? value <= red : value >= red)) {
            return RED;
        }
        return AMBER;
    }
}
