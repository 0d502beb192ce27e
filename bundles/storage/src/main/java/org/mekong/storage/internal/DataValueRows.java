package org.mekong.storage.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.jdbc.Jdbc;

/** Reading and superseding DATA_VALUE rows: the current row of a key, and the history row of a replaced version. */
final class DataValueRows {
    static final String COLUMNS = "INDICATOR_CODE, ORGUNIT_CODE, PERIOD, NUM_VALUE, VALUE_COMMENT, STATE, "
            + "REASON, VERSION, UPDATED_BY, UPDATED_AT, ORGUNIT_PATH, DEPTH";

    private DataValueRows() {
    }

    /** A current row as stored. */
    record Current(long id, DataValue value, String path) {
    }

    static Optional<Current> current(Connection c, DataValueKey k, boolean forUpdate) throws SQLException {
        return Jdbc.one(c, "SELECT ID, " + COLUMNS + " FROM DATA_VALUE WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                + "AND PERIOD = ?" + (forUpdate ? " FOR UPDATE" : ""), DataValueRows::current, k.indicator(),
                k.orgUnit(), k.period());
    }

    static Current current(ResultSet rs) throws SQLException {
        return new Current(rs.getLong("ID"), new DataValue(rs.getString("INDICATOR_CODE"), rs.getString("ORGUNIT_CODE"),
                rs.getString("PERIOD"), Jdbc.getDouble(rs, "NUM_VALUE"), rs.getString("VALUE_COMMENT"),
                DataValueState.valueOf(rs.getString("STATE")), rs.getString("REASON"), rs.getLong("VERSION"),
                rs.getString("UPDATED_BY"), Jdbc.getInstant(rs, "UPDATED_AT")), rs.getString("ORGUNIT_PATH"));
    }

    /** Keeps the version being replaced, with the action that replaces it. */
    static void history(Connection c, DataValue before, String action) throws SQLException {
        Jdbc.update(c, "INSERT INTO DATA_VALUE_HISTORY (INDICATOR_CODE, ORGUNIT_CODE, PERIOD, VERSION, NUM_VALUE, "
                + "VALUE_COMMENT, STATE, REASON, ACTION, CHANGED_BY, CHANGED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                before.indicator(), before.orgUnit(), before.period(), before.version(),
                before.value() == null ? Jdbc.Null.DOUBLE : before.value(), before.comment(), before.state(),
                before.reason(), action, before.updatedBy(), before.updatedAt());
    }

    static DataValueKey key(DataValue v) {
        return new DataValueKey(v.indicator(), v.orgUnit(), v.period());
    }

    /** The depth of a unit path /A/B/C/ (3). */
    static int depth(String path) {
        int d = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }

    /** The path of the deepest unit that holds all the given unit paths (the audit entry of a batch belongs there). */
    static String commonPath(java.util.List<String> paths) {
        if (paths.isEmpty()) {
            return null;
        }
        String common = paths.get(0);
        for (String p : paths) {
            while (!p.startsWith(common)) {
                common = common.substring(0, common.lastIndexOf('/', common.length() - 2) + 1);
            }
        }
        return common.length() > 1 ? common : null;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
