package org.mekong.storage.internal;

import static org.mekong.storage.internal.DataValueRows.current;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Period;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.VerificationItem;
import org.mekong.core.api.data.VerificationQuery;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.jdbc.Jdbc;

/**
 * The verifier's queue: a page of the values the caller may decide on, with the previous period's
 * value and the outlier flag of each, in three statements per page whatever its size (count, page,
 * and the history of the page's indicators at its units).
 */
final class VerificationQueue {
    private static final int MAX_INDICATORS = 200;

    /** A stored value of the history: period, number and state. */
    private record Stored(String period, double value, DataValueState state) {
    }

    private final DataSource ds;
    private final DataValueChecks checks;
    private final IndicatorRegistry indicators;

    VerificationQueue(DataSource ds, DataValueChecks checks, IndicatorRegistry indicators) {
        this.ds = ds;
        this.checks = checks;
        this.indicators = indicators;
    }

    Page<VerificationItem> find(Caller caller, VerificationQuery q, DataValueQueries queries) {
        caller.require(Role.VERIFIER, Role.CENTRAL_IT);
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        // The named unit's subtree, readable by the caller (403 otherwise) ...
        queries.scope(caller, q.orgUnit(), true, clauses, params);
        // ... and within it only what the caller decides on: a verifier never sees their own unit's values here.
        decidable(caller, clauses, params);
        Period period = DataValueChecks.period(q.period(), "period");
        DataValueQueries.filter(clauses, params, "PERIOD = ?", period == null ? null : period.id());
        List<String> codes = indicators(q.indicators());
        if (!codes.isEmpty()) {
            clauses.add("INDICATOR_CODE IN (" + Jdbc.marks(codes.size()) + ")");
            params.addAll(codes);
        }
        DataValueState state = q.state() == null ? DataValueState.SUBMITTED : q.state();
        clauses.add("STATE = ?");
        params.add(state.name());
        String where = " WHERE " + String.join(" AND ", clauses);
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM DATA_VALUE" + where, params.toArray());
            List<Object> paged = new ArrayList<>(params);
            paged.add(q.offset());
            paged.add(q.limit());
            List<DataValue> values = Jdbc.list(c, "SELECT ID, " + DataValueRows.COLUMNS + " FROM DATA_VALUE" + where
                    + " ORDER BY ORGUNIT_PATH, PERIOD, INDICATOR_CODE OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    rs -> current(rs).value(), paged.toArray());
            Map<String, List<Stored>> history = history(c, values);
            List<VerificationItem> items = new ArrayList<>();
            for (DataValue v : values) {
                items.add(item(v, history.getOrDefault(v.indicator() + "/" + v.orgUnit(), List.of())));
            }
            return new Page<>(items, total, q.offset(), q.limit());
        });
    }

    /** For callers without a national role: the units strictly below one of their own. */
    private void decidable(Caller caller, List<String> clauses, List<Object> params) {
        if (caller.isNational()) {
            return;
        }
        List<String> below = new ArrayList<>();
        for (String m : caller.orgUnits()) {
            checks.find(m).ifPresent(u -> {
                below.add("(ORGUNIT_PATH LIKE ? AND ORGUNIT_CODE <> ?)");
                params.add(u.path() + "%");
                params.add(u.code());
            });
        }
        clauses.add(below.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", below) + ")");
    }

    /** The indicator filter, each code known (400 naming the unknown one). */
    private List<String> indicators(List<String> codes) {
        Set<String> out = new LinkedHashSet<>();
        for (String code : codes) {
            if (code == null || code.isBlank()) {
                continue;
            }
            String c = code.strip();
            if (indicators.find(c).isEmpty()) {
                throw InvalidInputException.field("indicator", "unknown indicator '" + c + "'");
            }
            out.add(c);
        }
        if (out.size() > MAX_INDICATORS) {
            throw InvalidInputException.field("indicator", "at most " + MAX_INDICATORS + " indicators at a time");
        }
        return new ArrayList<>(out);
    }

    /** The stored numbers of the page's indicators at the page's units up to its latest period, by indicator/unit. */
    private static Map<String, List<Stored>> history(Connection c, List<DataValue> page) throws SQLException {
        Map<String, List<Stored>> out = new HashMap<>();
        if (page.isEmpty()) {
            return out;
        }
        Set<String> inds = new LinkedHashSet<>();
        Set<String> units = new LinkedHashSet<>();
        LocalDate latest = LocalDate.MIN;
        for (DataValue v : page) {
            inds.add(v.indicator());
            units.add(v.orgUnit());
            LocalDate start = Period.parse(v.period()).start();
            latest = start.isAfter(latest) ? start : latest;
        }
        List<Object> params = new ArrayList<>(inds);
        params.addAll(units);
        params.add(latest);
        Jdbc.list(c, "SELECT INDICATOR_CODE, ORGUNIT_CODE, PERIOD, NUM_VALUE, STATE FROM DATA_VALUE WHERE INDICATOR_CODE IN ("
                + Jdbc.marks(inds.size()) + ") AND ORGUNIT_CODE IN (" + Jdbc.marks(units.size()) + ") AND PERIOD_START < ? "
                + "AND NUM_VALUE IS NOT NULL", rs -> out.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2),
                        k -> new ArrayList<>()).add(new Stored(rs.getString(3), rs.getDouble(4),
                                DataValueState.valueOf(rs.getString(5)))),
                params.toArray());
        return out;
    }

    /** A queue row: the value beside the previous period's and the outlier rule's verdict. */
    private VerificationItem item(DataValue v, List<Stored> history) {
        String previous = Period.parse(v.period()).previous().id();
        Stored before = history.stream().filter(p -> p.period().equals(previous)).findFirst().orElse(null);
        String outlier = Outliers.problem(v, history.stream().map(p -> new Outliers.Past(p.period(), p.value())).toList());
        return new VerificationItem(v, previous, before == null ? null : before.value(),
                before == null ? null : before.state(), outlier != null, outlier);
    }
}
