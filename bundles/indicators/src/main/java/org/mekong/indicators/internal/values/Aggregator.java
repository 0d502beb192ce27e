package org.mekong.indicators.internal.values;

import java.util.List;

import org.mekong.core.api.indicator.Aggregation;

/** Combines the values of the units below a unit by an indicator's {@link Aggregation}. */
final class Aggregator {
    private Aggregator() {
    }

    /** One unit's value below, with its weight (for a weighted average; null when it has none). */
    record Part(double value, Double weight) {
    }

    /**
     * The combined value, or null when there is none: no parts, NONE (no combination), or a weighted
     * average where no part has a positive weight.
     */
    static Double combine(Aggregation aggregation, List<Part> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        switch (aggregation) {
            case SUM:
            case LAST:
                return parts.stream().mapToDouble(Part::value).sum();
            case AVERAGE:
                return parts.stream().mapToDouble(Part::value).average().orElseThrow();
            case MIN:
                return parts.stream().mapToDouble(Part::value).min().orElseThrow();
            case MAX:
                return parts.stream().mapToDouble(Part::value).max().orElseThrow();
            case WEIGHTED_AVERAGE:
                double weighted = 0;
                double weights = 0;
                for (Part p : parts) {
                    if (p.weight() != null && p.weight() > 0) {
                        weighted += p.value() * p.weight();
                        weights += p.weight();
                    }
                }
                return weights == 0 ? null : weighted / weights;
            case NONE:
            default:
                return null;
        }
    }

    /** Whether DV_AGG's sums and counts give this aggregation (else the values are read and combined here). */
    static boolean fromSums(Aggregation aggregation) {
        return aggregation == Aggregation.SUM || aggregation == Aggregation.LAST || aggregation == Aggregation.AVERAGE;
    }
}
