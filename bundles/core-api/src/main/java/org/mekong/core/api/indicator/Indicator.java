package org.mekong.core.api.indicator;

import org.mekong.core.api.Periodicity;

/**
 * An indicator definition. Values at or beyond {@code greenThreshold} are green, values at or
 * beyond {@code redThreshold} on the bad side are red, amber in between ({@link Direction}).
 * {@code provider} names the plugin for plugin-provided indicators, null for stored ones.
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
        String provider) {

    /** A copy carrying the given provider name and source PLUGIN, for plugin contributions. */
    public Indicator fromProvider(String providerName) {
        return new Indicator(code, nameVi, nameEn, layer, unit, periodicity, direction, greenThreshold, redThreshold,
                formula, ownerUnit, IndicatorSource.PLUGIN, retired, 0, providerName);
    }
}
