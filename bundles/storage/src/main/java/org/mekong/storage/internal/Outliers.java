package org.mekong.storage.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.mekong.core.api.data.DataValue;
import org.mekong.core.jdbc.Jdbc;

/**
 * Min-max check against the unit's own history of the indicator (up to 12 earlier periods, at
 * least 3 needed): the value must lie within [min - m, max + m], m = max(half the range, a tenth
 * of the mean).
 */
final class Outliers {
    /** How many earlier periods of the unit's history the range is taken from. */
    static final int PAST = 12;

    private Outliers() {
    }

    /** The problem with the value, or null. */
    static String problem(Connection c, DataValue v) throws SQLException {
        List<Double> past = Jdbc.list(c, "SELECT NUM_VALUE FROM DATA_VALUE WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                + "AND PERIOD < ? AND LENGTH(PERIOD) = ? AND NUM_VALUE IS NOT NULL ORDER BY PERIOD DESC "
                + "FETCH FIRST " + PAST + " ROWS ONLY", rs -> rs.getDouble(1), v.indicator(), v.orgUnit(), v.period(),
                v.period().length());
        return problem(v.value(), past);
    }

    /** A stored value of the unit's history: its period id and number. */
    record Past(String period, double value) {
    }

    /**
     * The problem with {@code v} given the history of its indicator and unit read in bulk (any
     * periods, any order): the same earlier periods the query above selects, so the queue flags a
     * value exactly as its submission was checked.
     */
    static String problem(DataValue v, List<Past> history) {
        List<Double> past = history.stream()
                .filter(p -> p.period().length() == v.period().length() && p.period().compareTo(v.period()) < 0)
                .sorted(Comparator.comparing(Past::period).reversed()).limit(PAST).map(Past::value).toList();
        return v.value() == null ? null : problem(v.value(), past);
    }

    /** The problem with {@code value} given the unit's past values (newest first), or null. */
    static String problem(double value, List<Double> past) {
        if (past.size() < 3) {
            return null;
        }
        double min = past.stream().mapToDouble(d -> d).min().orElse(0);
        double max = past.stream().mapToDouble(d -> d).max().orElse(0);
        double mean = past.stream().mapToDouble(d -> d).average().orElse(0);
        double margin = Math.max((max - min) / 2, Math.abs(mean) / 10);
        double lo = min - margin;
        double hi = max + margin;
        if (value < lo || value > hi) {
            return String.format(Locale.ROOT, "value %s is outside the range expected from this unit's last %d "
                    + "periods [%.2f, %.2f]", value, past.size(), lo, hi);
        }
        return null;
    }
}
