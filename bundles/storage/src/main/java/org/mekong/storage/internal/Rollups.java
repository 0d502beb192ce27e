package org.mekong.storage.internal;

import static org.mekong.core.jdbc.Jdbc.marks;
import static org.mekong.storage.internal.DataValueRows.depth;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.UnitValue;
import org.mekong.core.api.indicator.Aggregation;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.jdbc.Jdbc;

/**
 * The rollup rows in DV_AGG: per ancestor unit, indicator, period and depth, the sum and count of
 * all values and of the VERIFIED ones below it. Writers collect {@link Deltas} and apply them in
 * the transaction of their change; {@link #valuesAt} reads own values and rollups without a scan.
 */
final class Rollups {
    private static final int IN_CHUNK = 200;

    private final DataSource ds;
    private final IndicatorRegistry indicators;

    Rollups(DataSource ds, IndicatorRegistry indicators) {
        this.ds = ds;
        this.indicators = indicators;
    }

    /** One rollup row: the values at {@code depth} below {@code unit}. Ordered, so writers lock rows alike. */
    private record AggKey(String indicator, String unit, String period, int depth) implements Comparable<AggKey> {
        private static final Comparator<AggKey> ORDER = Comparator.comparing(AggKey::indicator)
                .thenComparing(AggKey::unit).thenComparing(AggKey::period).thenComparingInt(AggKey::depth);

        @Override
        public int compareTo(AggKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** Changes to one rollup row. */
    private static final class Delta {
        double sum;
        long count;
        double verifiedSum;
        long verifiedCount;
    }

    /** The rollup changes of one transaction. */
    static final class Deltas {
        private final Map<AggKey, Delta> byRow = new HashMap<>();

        /** Adds a change to every proper ancestor of the unit at {@code path}, at the unit's depth. */
        void add(String indicator, String period, String path, double sum, long count, double verifiedSum,
                long verifiedCount) {
            // path is /A/B/C/: the proper ancestors are every segment but the last
            int depth = depth(path);
            int start = 1;
            for (int level = 0; level < depth - 1; level++) {
                int end = path.indexOf('/', start);
                Delta d = byRow.computeIfAbsent(new AggKey(indicator, path.substring(start, end), period, depth),
                        k -> new Delta());
                d.sum += sum;
                d.count += count;
                d.verifiedSum += verifiedSum;
                d.verifiedCount += verifiedCount;
                start = end + 1;
            }
        }

        /** Applies the changes in key order (so concurrent writers lock rows in the same order). */
        void apply(Connection c) throws SQLException {
            if (byRow.isEmpty()) {
                return;
            }
            List<Map.Entry<AggKey, Delta>> entries = new ArrayList<>(byRow.entrySet());
            entries.sort(Map.Entry.comparingByKey());
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement("UPDATE DV_AGG SET VALUE_SUM = VALUE_SUM + ?, "
                    + "VALUE_COUNT = VALUE_COUNT + ?, VERIFIED_SUM = VERIFIED_SUM + ?, VERIFIED_COUNT = VERIFIED_COUNT + ? "
                    + "WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? AND PERIOD = ? AND DEPTH = ?")) {
                for (Map.Entry<AggKey, Delta> e : entries) {
                    AggKey k = e.getKey();
                    Delta d = e.getValue();
                    ps.setDouble(1, d.sum);
                    ps.setLong(2, d.count);
                    ps.setDouble(3, d.verifiedSum);
                    ps.setLong(4, d.verifiedCount);
                    ps.setString(5, k.indicator());
                    ps.setString(6, k.unit());
                    ps.setString(7, k.period());
                    ps.setInt(8, k.depth());
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO DV_AGG (INDICATOR_CODE, ORGUNIT_CODE, PERIOD, "
                    + "DEPTH, VALUE_SUM, VALUE_COUNT, VERIFIED_SUM, VERIFIED_COUNT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                boolean any = false;
                for (int i = 0; i < entries.size(); i++) {
                    if (counts[i] != 0) {
                        continue;
                    }
                    AggKey k = entries.get(i).getKey();
                    Delta d = entries.get(i).getValue();
                    ps.setString(1, k.indicator());
                    ps.setString(2, k.unit());
                    ps.setString(3, k.period());
                    ps.setInt(4, k.depth());
                    ps.setDouble(5, d.sum);
                    ps.setLong(6, d.count);
                    ps.setDouble(7, d.verifiedSum);
                    ps.setLong(8, d.verifiedCount);
                    ps.addBatch();
                    any = true;
                }
                if (any) {
                    try {
                        ps.executeBatch();
                    } catch (BatchUpdateException e) {
                        if (Jdbc.isUniqueViolation(e)) {
                            // Another writer created the row meanwhile: make the whole transaction retry.
                            throw new SQLException("rollup row created concurrently", "40001", e);
                        }
                        throw e;
                    }
                }
            }
        }
    }

    /** See {@link org.mekong.core.api.data.DataValueService#valuesAt}. */
    List<UnitValue> valuesAt(Collection<String> inds, Collection<String> units, Collection<String> periods,
            boolean verifiedOnly) {
        if (inds.isEmpty() || units.isEmpty() || periods.isEmpty()) {
            return List.of();
        }
        List<String> is = List.copyOf(new HashSet<>(inds));
        List<String> ps = List.copyOf(new HashSet<>(periods));
        List<String> us = List.copyOf(new HashSet<>(units));
        Map<String, Aggregation> aggregation = new HashMap<>();
        for (String code : is) {
            aggregation.put(code, indicators.find(code).map(Indicator::aggregation).orElse(Aggregation.AVERAGE));
        }
        return Jdbc.read(ds, c -> {
            Map<String, UnitValue> out = new LinkedHashMap<>();
            for (int from = 0; from < us.size(); from += IN_CHUNK) {
                List<String> chunk = us.subList(from, Math.min(us.size(), from + IN_CHUNK));
                List<Object> params = new ArrayList<>();
                params.addAll(is);
                params.addAll(chunk);
                params.addAll(ps);
                String where = " WHERE INDICATOR_CODE IN (" + marks(is.size()) + ") AND ORGUNIT_CODE IN ("
                        + marks(chunk.size()) + ") AND PERIOD IN (" + marks(ps.size()) + ")";
                for (UnitValue own : Jdbc.list(c, "SELECT INDICATOR_CODE, ORGUNIT_CODE, PERIOD, NUM_VALUE, STATE "
                        + "FROM DATA_VALUE" + where, rs -> {
                            DataValueState st = DataValueState.valueOf(rs.getString(5));
                            double v = rs.getDouble(4);
                            return new UnitValue(rs.getString(1), rs.getString(2), rs.getString(3), v, true, 1, v, st);
                        }, params.toArray())) {
                    if (!verifiedOnly || own.state() == DataValueState.VERIFIED) {
                        out.put(own.indicator() + '|' + own.orgUnit() + '|' + own.period(), own);
                    }
                }
                for (UnitValue agg : Jdbc.list(c, "SELECT INDICATOR_CODE, ORGUNIT_CODE, PERIOD, "
                        + (verifiedOnly ? "VERIFIED_SUM, VERIFIED_COUNT" : "VALUE_SUM, VALUE_COUNT")
                        + " FROM DV_AGG" + where + " AND " + (verifiedOnly ? "VERIFIED_COUNT" : "VALUE_COUNT")
                        + " > 0 ORDER BY DEPTH", rs -> {
                            double sum = rs.getDouble(4);
                            long n = rs.getLong(5);
                            Aggregation a = aggregation.get(rs.getString(1));
                            // DV_AGG holds sums and counts: totals for SUM and LAST, the mean otherwise;
                            // the other aggregations are computed from the values themselves (IndicatorValues).
                            double value = a == Aggregation.SUM || a == Aggregation.LAST ? sum : sum / n;
                            return new UnitValue(rs.getString(1), rs.getString(2), rs.getString(3), value, false, n,
                                    sum, null);
                        }, params.toArray())) {
                    out.putIfAbsent(agg.indicator() + '|' + agg.orgUnit() + '|' + agg.period(), agg);
                }
            }
            return List.copyOf(out.values());
        });
    }
}
