package org.mekong.indicators.internal.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.IndicatorValue;
import org.mekong.core.api.data.IndicatorValue.ValueSource;
import org.mekong.core.api.data.TreeValue;
import org.mekong.core.api.data.UnitValue;
import org.mekong.core.api.data.ValueScan;
import org.mekong.core.api.indicator.Aggregation;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.orgunit.OrgUnit;

/**
 * Stored values, own or combined over the units below: sums and means from the rollup rows
 * (no scan of the subtree), the other aggregations and state filters from one set-based scan.
 */
final class StoredReads {
    private final DataValueService values;

    StoredReads(DataValueService values) {
        this.values = values;
    }

    Cells read(List<Indicator> inds, List<OrgUnit> units, Set<String> periods, Visibility vis) {
        Cells out = new Cells();
        List<Indicator> bySums = new ArrayList<>();
        List<Indicator> byScan = new ArrayList<>();
        for (Indicator i : inds) {
            (Aggregator.fromSums(i.aggregation()) && (vis.allStatesAsked() || vis.verifiedOnlyAsked()) ? bySums : byScan)
                    .add(i);
        }
        if (!bySums.isEmpty()) {
            fromRollups(codes(bySums), units, periods, vis, out);
        }
        if (!byScan.isEmpty()) {
            fromScan(byScan, units, periods, vis, out);
        }
        return out;
    }

    private void fromRollups(List<String> codes, List<OrgUnit> units, Set<String> periods, Visibility vis, Cells out) {
        List<String> all = new ArrayList<>();
        List<String> verifiedOnly = new ArrayList<>();
        for (OrgUnit u : units) {
            (!vis.verifiedOnlyAsked() && vis.seesUnverified(u) ? all : verifiedOnly).add(u.code());
        }
        if (!all.isEmpty()) {
            Map<String, UnitValue> verified = new HashMap<>();
            for (UnitValue v : values.valuesAt(codes, all, periods, true)) {
                verified.put(Cells.key(v.indicator(), v.orgUnit(), v.period()), v);
            }
            for (UnitValue v : values.valuesAt(codes, all, periods, false)) {
                boolean isVerified;
                if (v.own()) {
                    isVerified = v.state() == DataValueState.VERIFIED;
                } else {
                    // A rollup is verified when the verified values at the same level are all of them.
                    UnitValue w = verified.get(Cells.key(v.indicator(), v.orgUnit(), v.period()));
                    isVerified = w != null && !w.own() && w.count() == v.count();
                }
                out.put(of(v, isVerified));
            }
        }
        if (!verifiedOnly.isEmpty()) {
            for (UnitValue v : values.valuesAt(codes, verifiedOnly, periods, true)) {
                out.put(of(v, true));
            }
        }
    }

    private static IndicatorValue of(UnitValue v, boolean verified) {
        return new IndicatorValue(v.indicator(), v.orgUnit(), v.period(), v.value(),
                v.own() ? ValueSource.OWN : ValueSource.ROLLUP, v.own() ? v.state() : null, verified, v.count());
    }

    private void fromScan(List<Indicator> inds, List<OrgUnit> units, Set<String> periods, Visibility vis, Cells out) {
        List<String> codes = new ArrayList<>(codes(inds));
        inds.stream().map(Indicator::weightIndicator).filter(w -> w != null && !codes.contains(w)).forEach(codes::add);
        // indicator|period -> the values of every unit at or below the asked ones
        Map<String, List<TreeValue>> byCell = new HashMap<>();
        for (TreeValue v : values.scan(new ValueScan(codes, units.stream().map(OrgUnit::code).toList(), periods, null,
                false))) {
            byCell.computeIfAbsent(v.indicator() + '|' + v.period(), k -> new ArrayList<>()).add(v);
        }
        for (Indicator i : inds) {
            for (String p : periods) {
                List<TreeValue> cell = byCell.getOrDefault(i.code() + '|' + p, List.of());
                if (cell.isEmpty()) {
                    continue;
                }
                Map<String, TreeValue> weights = new HashMap<>();
                if (i.weightIndicator() != null) {
                    byCell.getOrDefault(i.weightIndicator() + '|' + p, List.of()).forEach(w -> weights.put(w.orgUnit(), w));
                }
                for (OrgUnit u : units) {
                    IndicatorValue v = at(i, u, p, cell, weights, vis);
                    if (v != null) {
                        out.put(v);
                    }
                }
            }
        }
    }

    /** The unit's own admitted value, else the combination of the admitted values at the shallowest level below. */
    private static IndicatorValue at(Indicator i, OrgUnit u, String period, Collection<TreeValue> cell,
            Map<String, TreeValue> weights, Visibility vis) {
        int shallowest = Integer.MAX_VALUE;
        List<TreeValue> level = new ArrayList<>();
        for (TreeValue v : cell) {
            if (!v.orgUnitPath().startsWith(u.path()) || !vis.admits(u, v.state())) {
                continue;
            }
            if (v.orgUnit().equals(u.code())) {
                return new IndicatorValue(i.code(), u.code(), period, v.value(), ValueSource.OWN, v.state(),
                        v.state() == DataValueState.VERIFIED, 1);
            }
            int depth = depth(v.orgUnitPath());
            if (depth < shallowest) {
                shallowest = depth;
                level.clear();
            }
            if (depth == shallowest) {
                level.add(v);
            }
        }
        if (level.isEmpty() || i.aggregation() == Aggregation.NONE) {
            return null;
        }
        List<Aggregator.Part> parts = new ArrayList<>();
        boolean verified = true;
        for (TreeValue v : level) {
            TreeValue w = weights.get(v.orgUnit());
            Double weight = w != null && vis.admits(u, w.state()) ? w.value() : null;
            parts.add(new Aggregator.Part(v.value(), weight));
            verified &= v.state() == DataValueState.VERIFIED
                    && (i.aggregation() != Aggregation.WEIGHTED_AVERAGE || w == null || w.state() == DataValueState.VERIFIED);
        }
        Double value = Aggregator.combine(i.aggregation(), parts);
        return value == null ? null
                : new IndicatorValue(i.code(), u.code(), period, value, ValueSource.ROLLUP, null, verified, level.size());
    }

    private static int depth(String path) {
        int n = 0;
        for (int k = 0; k < path.length(); k++) {
            if (path.charAt(k) == '/') {
                n++;
            }
        }
        return n;
    }

    private static List<String> codes(List<Indicator> inds) {
        return inds.stream().map(Indicator::code).toList();
    }
}
