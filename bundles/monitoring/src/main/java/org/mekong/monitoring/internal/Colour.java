package org.mekong.monitoring.internal;

import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;

/** Traffic-light colours and the rule that gives them (see docs/monitoring.md). */
public enum Colour {
    /** At or beyond the target or the green threshold. */
    GREEN,
    AMBER,
    RED,
    /** No value to rate. */
    NONE,
    /** A value, but neither a target nor thresholds to rate it against (e.g. a count that is only reported). */
    UNRATED;

    /** A unit's lights are GREEN from this share of green among its rated indicators. */
    public static final double GREEN_SHARE = 0.8;
    /** Below this share of green, a unit with a red indicator is RED. */
    public static final double RED_SHARE = 0.5;

    /**
     * The colour of a unit from its rated indicators' lights: GREEN when at least 80 % are green;
     * RED when at least one is red and fewer than 50 % are green; AMBER otherwise (so a unit without
     * any red light is never red); NONE when none is rated.
     */
    public static Colour overall(int green, int amber, int red) {
        int rated = green + amber + red;
        if (rated == 0) {
            return NONE;
        }
        double share = green / (double) rated;
        if (share >= GREEN_SHARE) {
            return GREEN;
        }
        return red > 0 && share < RED_SHARE ? RED : AMBER;
    }

    /**
     * With a target: achievement (value / target, or target / value when lower is better) of 1
     * or more is GREEN, from {@code amberRatio} AMBER, else RED. Without a target the indicator's
     * own thresholds decide. NONE when there is no value, UNRATED when there is nothing to compare it with.
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
            return UNRATED;
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
