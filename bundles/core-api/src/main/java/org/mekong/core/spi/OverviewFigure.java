package org.mekong.core.spi;

/**
 * One headline figure of an {@link OverviewProvider}.
 *
 * @param key stable key within the provider, e.g. {@code green-share}
 * @param labelVi Vietnamese label
 * @param labelEn English label
 * @param value the number, or null when there is none yet
 * @param unit {@code "%"} for percentages (value 0..100), otherwise {@code ""}
 * @param colour GREEN, AMBER or RED for a traffic light, or null
 * @param href a public page with the detail, or null
 */
public record OverviewFigure(String key, String labelVi, String labelEn, Double value, String unit, String colour,
        String href) {

    public OverviewFigure {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key is required");
        }
        unit = unit == null ? "" : unit;
    }

    /** A plain count or number without a colour. */
    public static OverviewFigure of(String key, String labelVi, String labelEn, Number value, String href) {
        return new OverviewFigure(key, labelVi, labelEn, value == null ? null : value.doubleValue(), "", null, href);
    }
}
