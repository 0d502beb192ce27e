package org.mekong.storage.internal;

import static org.mekong.storage.internal.DataValueRows.current;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueQuery;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.DataValueVersion;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.storage.internal.DataValueRows.Current;

/** Reading data values: filtered pages within the caller's scope, and the history of one value. */
final class DataValueQueries {
    private final DataSource ds;
    private final DataValueChecks checks;

    DataValueQueries(DataSource ds, DataValueChecks checks) {
        this.ds = ds;
        this.checks = checks;
    }

    Page<DataValue> find(Caller caller, DataValueQuery q) {
        caller.require();
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        scope(caller, q.orgUnit(), q.includeDescendants(), clauses, params);
        filter(clauses, params, "INDICATOR_CODE = ?", q.indicator());
        filter(clauses, params, "PERIOD = ?", id(DataValueChecks.period(q.period(), "period")));
        // Periods are time spans: from/to select the values whose period lies within [from's start, to's end],
        // whatever their periodicity (ids compared as text put 2025 before 202501 and after 2025Q4).
        Period from = DataValueChecks.period(q.periodFrom(), "from");
        Period to = DataValueChecks.period(q.periodTo(), "to");
        if (from != null && to != null && from.start().isAfter(to.end())) {
            throw InvalidInputException.field("to", "'" + to + "' ends before '" + from + "' starts");
        }
        filter(clauses, params, "PERIOD_START >= ?", from == null ? null : from.start());
        filter(clauses, params, "PERIOD_END <= ?", to == null ? null : to.end());
        filter(clauses, params, "STATE = ?", q.state() == null ? null : q.state().name());
        String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM DATA_VALUE" + where, params.toArray());
            List<Object> paged = new ArrayList<>(params);
            paged.add(q.offset());
            paged.add(q.limit());
            List<DataValue> items = Jdbc.list(c, "SELECT ID, " + DataValueRows.COLUMNS + " FROM DATA_VALUE" + where
                    + " ORDER BY INDICATOR_CODE, ORGUNIT_PATH, PERIOD OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    rs -> current(rs).value(), paged.toArray());
            return new Page<>(items, total, q.offset(), q.limit());
        });
    }

    /**
     * Adds the org-unit clause of a read: the named unit (or its subtree), or for callers without a
     * national role the subtrees of their own units; 403 for a unit outside them.
     */
    void scope(Caller caller, String orgUnit, boolean descendants, List<String> clauses, List<Object> params) {
        if (orgUnit != null) {
            OrgUnit unit = checks.unit(orgUnit, "orgUnit");
            if (!checks.readable(caller, unit.code())) {
                throw new ForbiddenException("User '" + caller.username() + "' may not read data of org unit '"
                        + unit.code() + "': it is outside their units " + caller.orgUnits());
            }
            if (descendants) {
                clauses.add("ORGUNIT_PATH LIKE ?");
                params.add(unit.path() + "%");
            } else {
                clauses.add("ORGUNIT_CODE = ?");
                params.add(unit.code());
            }
        } else if (!caller.isNational()) {
            List<String> scope = new ArrayList<>();
            for (String m : caller.orgUnits()) {
                checks.find(m).ifPresent(u -> {
                    scope.add("ORGUNIT_PATH LIKE ?");
                    params.add(u.path() + "%");
                });
            }
            clauses.add(scope.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", scope) + ")");
        }
    }

    List<DataValueVersion> history(Caller caller, DataValueKey key) {
        caller.require();
        OrgUnit unit = checks.unit(key.orgUnit(), "orgUnit");
        if (!checks.readable(caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not read data of org unit '"
                    + unit.code() + "'");
        }
        return Jdbc.read(ds, c -> {
            Current cur = current(c, key, false).orElseThrow(() -> new NotFoundException("No value for " + key));
            DataValue v = cur.value();
            // A history row keeps a version as it was and the action that replaced it: the action that made
            // a version is the one stored with the version before it (the first version was created).
            List<String[]> rows = Jdbc.list(c, "SELECT VERSION, ACTION FROM DATA_VALUE_HISTORY WHERE INDICATOR_CODE = ? "
                    + "AND ORGUNIT_CODE = ? AND PERIOD = ? ORDER BY VERSION DESC", rs -> new String[] { rs.getString(1),
                            rs.getString(2) }, key.indicator(), key.orgUnit(), key.period());
            Map<Long, String> madeBy = new HashMap<>();
            for (String[] row : rows) {
                madeBy.put(Long.parseLong(row[0]) + 1, row[1]);
            }
            List<DataValueVersion> out = new ArrayList<>();
            out.add(new DataValueVersion(v.version(), v.value(), v.comment(), v.state(), v.reason(),
                    madeBy.getOrDefault(v.version(), "CREATE"), v.updatedBy(), v.updatedAt()));
            out.addAll(Jdbc.list(c, "SELECT * FROM DATA_VALUE_HISTORY WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                    + "AND PERIOD = ? ORDER BY VERSION DESC", rs -> new DataValueVersion(rs.getLong("VERSION"),
                            Jdbc.getDouble(rs, "NUM_VALUE"), rs.getString("VALUE_COMMENT"),
                            DataValueState.valueOf(rs.getString("STATE")), rs.getString("REASON"),
                            madeBy.getOrDefault(rs.getLong("VERSION"), "CREATE"), rs.getString("CHANGED_BY"),
                            Jdbc.getInstant(rs, "CHANGED_AT")),
                    key.indicator(), key.orgUnit(), key.period()));
            return out;
        });
    }

    long count() {
        return Jdbc.read(ds, c -> Jdbc.count(c, "SELECT COUNT(*) FROM DATA_VALUE"));
    }

    private static String id(Period p) {
        return p == null ? null : p.id();
    }

    static void filter(List<String> clauses, List<Object> params, String clause, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.add(value);
        }
    }
}
