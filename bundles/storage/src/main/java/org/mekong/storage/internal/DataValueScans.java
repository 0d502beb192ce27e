package org.mekong.storage.internal;

import static org.mekong.core.jdbc.Jdbc.marks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.TreeValue;
import org.mekong.core.api.data.ValueScan;
import org.mekong.core.jdbc.Jdbc;

/** Set-based reads of stored values across the tree for rules and computations ({@link ValueScan}). */
final class DataValueScans {
    private final DataSource ds;
    private final DataValueChecks checks;

    DataValueScans(DataSource ds, DataValueChecks checks) {
        this.ds = ds;
        this.checks = checks;
    }

    List<TreeValue> scan(ValueScan scan) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        in(clauses, params, "d.INDICATOR_CODE", scan.indicators());
        in(clauses, params, "d.PERIOD", scan.periods());
        in(clauses, params, "d.STATE", scan.states().stream().map(DataValueState::name).toList());
        if (!scan.orgUnits().isEmpty()) {
            List<String> likes = new ArrayList<>();
            for (String code : scan.orgUnits()) {
                likes.add("d.ORGUNIT_PATH LIKE ?");
                params.add(checks.unit(code, "orgUnits").path() + "%");
            }
            clauses.add("(" + String.join(" OR ", likes) + ")");
        }
        if (scan.latestOnly()) {
            // The latest by time, not by id: compared as text, 2025 sorts after 2025Q4.
            List<String> inner = new ArrayList<>();
            List<Object> innerParams = new ArrayList<>();
            in(inner, innerParams, "x.PERIOD", scan.periods());
            in(inner, innerParams, "x.STATE", scan.states().stream().map(DataValueState::name).toList());
            clauses.add("d.PERIOD_END = (SELECT MAX(x.PERIOD_END) FROM DATA_VALUE x WHERE x.INDICATOR_CODE = "
                    + "d.INDICATOR_CODE AND x.ORGUNIT_CODE = d.ORGUNIT_CODE"
                    + (inner.isEmpty() ? "" : " AND " + String.join(" AND ", inner)) + ")");
            params.addAll(innerParams);
        }
        String sql = "SELECT d.INDICATOR_CODE, d.ORGUNIT_CODE, d.ORGUNIT_PATH, d.PERIOD, d.NUM_VALUE, d.STATE FROM "
                + "DATA_VALUE d WHERE d.NUM_VALUE IS NOT NULL"
                + (clauses.isEmpty() ? "" : " AND " + String.join(" AND ", clauses));
        return Jdbc.read(ds, c -> Jdbc.list(c, sql, rs -> new TreeValue(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getDouble(5), DataValueState.valueOf(rs.getString(6))),
                params.toArray()));
    }

    private static void in(List<String> clauses, List<Object> params, String column, Collection<String> values) {
        if (!values.isEmpty()) {
            clauses.add(column + " IN (" + marks(values.size()) + ")");
            params.addAll(values);
        }
    }
}
