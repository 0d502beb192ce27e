package org.mekong.core.api.indicator;

import org.mekong.core.api.Periodicity;

/**
 * An indicator definition. Values at or beyond {@code greenThreshold} are green, values at or
 * beyond {@code redThreshold} on the bad side are red, amber in between ({@link Direction}).
 * {@code provider} names the plugin for plugin-provided indicators, null for stored ones.
 * {@code aggregation} says how values combine over the org-unit tree; {@code weightIndicator} is
 * the denominator of a {@link Aggregation#WEIGHTED_AVERAGE} (null otherwise).
 */
public record Indicator(
        String code,
        String nameVi,
        String nameEn,
        IndicatorLayer layer,
        String unit,
        Periodicity periodicity,
        Direction direction,
        Double greenThreshold,
        Double redThreshold,
        String formula,
        String ownerUnit,
        IndicatorSource source,
        boolean retired,
        long version,
        String provider,
        Aggregation aggregation,
        String weightIndicator) {

    /** A missing aggregation is the default for the unit of measure ({@link #defaultAggregation(String)}). */
    public Indicator {
        if (aggregation == null) {
            aggregation = defaultAggregation(unit);
        }
        if (aggregation != Aggregation.WEIGHTED_AVERAGE) {
            weightIndicator = null;
        }
    }

    /**
     * A definition without a declared aggregation: the default for its unit of measure applies.
     * Kept for plugins built against API 1.3; new definitions declare their aggregation.
     */
    public Indicator(String code, String nameVi, String nameEn, IndicatorLayer layer, String unit,
            Periodicity periodicity, Direction direction, Double greenThreshold, Double redThreshold, String formula,
            String ownerUnit, IndicatorSource source, boolean retired, long version, String provider) {
        this(code, nameVi, nameEn, layer, unit, periodicity, direction, greenThreshold, redThreshold, formula,
                ownerUnit, source, retired, version, provider, null, null);
    }

    /** The aggregation used when none is declared: counts add up, everything else averages. */
    public static Aggregation defaultAggregation(String unit) {
        return isCountUnit(unit) ? Aggregation.SUM : Aggregation.AVERAGE;
    }

    private static boolean isCountUnit(String unit) {
        return unit != null && (unit.equalsIgnoreCase("count") || unit.equalsIgnoreCase("số"));
    }

    /** This definition with another aggregation (and denominator for a weighted average). */
    public Indicator withAggregation(Aggregation newAggregation, String newWeightIndicator) {
        return new Indicator(code, nameVi, nameEn, layer, unit, periodicity, direction, greenThreshold, redThreshold,
                formula, ownerUnit, source, retired, version, provider, newAggregation, newWeightIndicator);
    }

    /** True for values entered by people (no formula, not computed by a plugin). */
    public boolean isManual() {
        return source == IndicatorSource.MANUAL && (formula == null || formula.isBlank());
    }

    /**
     * A problem with {@code value} by the indicator's unit: percentages lie in 0..100, counts are
     * whole numbers not below 0; null when the value is acceptable.
     */
    public String rangeProblem(double value) {
        if (unit != null && unit.equals("%") && (value < 0 || value > 100)) {
            return "a percentage must lie between 0 and 100, got " + value;
        }
        if (isCountUnit(unit) && (value < 0 || value != Math.rint(value))) {
            return "a count must be a whole number not below 0, got " + value;
        }
        return null;
    }

    /**
     * A copy carrying the given provider name, for plugin contributions. A plugin indicator declared
     * {@link IndicatorSource#MANUAL} keeps that source (its values are entered as data, like a stored
     * indicator's); any other becomes {@link IndicatorSource#PLUGIN} (computed by the provider).
     */
    public Indicator fromProvider(String providerName) {
        IndicatorSource kept = source == IndicatorSource.MANUAL && (formula == null || formula.isBlank())
                ? IndicatorSource.MANUAL : IndicatorSource.PLUGIN;
        return new Indicator(code, nameVi, nameEn, layer, unit, periodicity, direction, greenThreshold, redThreshold,
                formula, ownerUnit, kept, retired, 0, providerName, aggregation, weightIndicator);
    }
}
