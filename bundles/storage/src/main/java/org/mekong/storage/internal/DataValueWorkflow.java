package org.mekong.storage.internal;

import static org.mekong.storage.internal.DataValueRows.blank;
import static org.mekong.storage.internal.DataValueRows.current;
import static org.mekong.storage.internal.DataValueRows.key;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Period;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.Completeness;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.SubmitResult;
import org.mekong.core.api.data.UnitPeriod;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.storage.internal.DataValueRows.Current;

/**
 * The DRAFT -> SUBMITTED -> VERIFIED | REJECTED workflow: submission after range and outlier
 * checks with the unit's completeness, and the verifier's decision under the four-eyes rule.
 */
final class DataValueWorkflow {
    static final int MAX_REASON = 1000;

    private final DataSource ds;
    private final IndicatorRegistry indicators;
    private final DataValueChecks checks;
    private final CompletenessRule completeness;
    private final DataValueEvents events;

    DataValueWorkflow(DataSource ds, IndicatorRegistry indicators, DataValueChecks checks, DataValueEvents events) {
        this.ds = ds;
        this.indicators = indicators;
        this.checks = checks;
        this.completeness = new CompletenessRule(indicators);
        this.events = events;
    }

    SubmitResult submit(Caller caller, String orgUnit, String period, List<String> only) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        OrgUnit unit = submittable(caller, orgUnit, "orgUnit");
        Period p = Period.parse(period);
        Set<String> wanted = only == null || only.isEmpty() ? null : new HashSet<>(only);
        Instant now = Instant.now();
        List<DataValueKey> submitted = new ArrayList<>();
        Completeness result = Jdbc.write(ds, c -> submitIn(c, caller, unit, p, wanted, now, submitted));
        events.publish("SUBMITTED", submitted);
        return new SubmitResult(submitted.size(), result);
    }

    int submitAll(Caller caller, List<UnitPeriod> unitPeriods) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        if (unitPeriods == null || unitPeriods.isEmpty()) {
            throw InvalidInputException.field("unitPeriods", "must name at least one unit and period");
        }
        List<OrgUnit> units = new ArrayList<>();
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < unitPeriods.size(); i++) {
            units.add(submittable(caller, unitPeriods.get(i).orgUnit(), "unitPeriods[" + i + "].orgUnit"));
            periods.add(Period.parse(unitPeriods.get(i).period()));
        }
        Instant now = Instant.now();
        List<DataValueKey> submitted = new ArrayList<>();
        Jdbc.write(ds, c -> {
            for (int i = 0; i < units.size(); i++) {
                submitIn(c, caller, units.get(i), periods.get(i), null, now, submitted);
            }
            return null;
        });
        events.publish("SUBMITTED", submitted);
        return submitted.size();
    }

    private OrgUnit submittable(Caller caller, String code, String field) {
        OrgUnit unit = checks.unit(code, field);
        if (!checks.inScope(caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not submit data for org unit '"
                    + unit.code() + "': it is outside their units " + caller.orgUnits());
        }
        return unit;
    }

    /** Validates and submits one unit's period inside the caller's transaction; answers its completeness. */
    private Completeness submitIn(Connection c, Caller caller, OrgUnit unit, Period p, Set<String> wanted, Instant now,
            List<DataValueKey> submitted) throws SQLException {
        List<Current> rows = Jdbc.list(c, "SELECT ID, " + DataValueRows.COLUMNS + " FROM DATA_VALUE WHERE ORGUNIT_CODE = ? "
                + "AND PERIOD = ? ORDER BY INDICATOR_CODE", DataValueRows::current, unit.code(), p.id());
        List<ErrorDetail> problems = new ArrayList<>();
        List<Current> toSubmit = new ArrayList<>();
        for (Current row : rows) {
            DataValue v = row.value();
            if (wanted != null && !wanted.contains(v.indicator())
                    || v.state() != DataValueState.DRAFT && v.state() != DataValueState.REJECTED) {
                continue;
            }
            Indicator ind = indicators.find(v.indicator()).orElse(null);
            String range = ind == null ? null : ind.rangeProblem(v.value());
            if (range != null) {
                problems.add(new ErrorDetail(v.indicator(), range));
                continue;
            }
            String outlier = Outliers.problem(c, v);
            if (outlier != null && (v.comment() == null || v.comment().isBlank())) {
                problems.add(new ErrorDetail(v.indicator(), outlier + "; add a comment that explains it, then submit again"));
                continue;
            }
            toSubmit.add(row);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Nothing was submitted: " + problems.size() + " value(s) of " + unit.code()
                    + " for " + p.id() + " need attention", problems);
        }
        List<DataValueKey> mine = new ArrayList<>();
        for (Current row : toSubmit) {
            transition(c, row, DataValueState.SUBMITTED, null, "SUBMIT", caller, now, null);
            mine.add(key(row.value()));
        }
        submitted.addAll(mine);
        Set<String> present = new HashSet<>();
        rows.forEach(r -> present.add(r.value().indicator()));
        if (!mine.isEmpty()) {
            AuditServiceImpl.record(c, caller.username(), now, "DataValue", unit.code() + "/" + p.id(), "SUBMIT",
                    null, Map.of("submitted", mine.stream().map(DataValueKey::toString).toList()), unit.path());
        }
        return completeness.of(unit, p, present);
    }

    int verify(Caller caller, List<DataValueKey> keys) {
        return decide(caller, keys, DataValueState.VERIFIED, null);
    }

    int reject(Caller caller, List<DataValueKey> keys, String reason) {
        return decide(caller, keys, DataValueState.REJECTED, reason(reason, "tell the reporter what to correct"));
    }

    /** A required reason of at most {@link #MAX_REASON} characters, stripped. */
    static String reason(String reason, String hint) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.field("reason", "is required: " + hint);
        }
        if (reason.length() > MAX_REASON) {
            throw InvalidInputException.field("reason", "at most " + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    private int decide(Caller caller, List<DataValueKey> keys, DataValueState to, String reason) {
        caller.require(Role.VERIFIER, Role.CENTRAL_IT);
        if (keys == null || keys.isEmpty()) {
            throw InvalidInputException.field("keys", "must name at least one value");
        }
        if (keys.size() > 10_000) {
            throw InvalidInputException.field("keys", "at most 10000 values at a time");
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            DataValueKey k = keys.get(i);
            if (k == null || blank(k.indicator()) || blank(k.orgUnit()) || blank(k.period())) {
                throw InvalidInputException.field("keys[" + i + "]", "needs indicator, orgUnit and period");
            }
            OrgUnit unit = checks.unit(k.orgUnit(), "keys[" + i + "].orgUnit");
            paths.add(unit.path());
            if (!checks.decidable(caller, unit.code())) {
                throw new ForbiddenException("User '" + caller.username() + "' may not verify data of '" + unit.code()
                        + "': a verifier decides on the units below their own " + caller.orgUnits());
            }
        }
        Instant now = Instant.now();
        String action = to == DataValueState.VERIFIED ? "VERIFY" : "REJECT";
        int changed = Jdbc.write(ds, c -> {
            Rollups.Deltas deltas = new Rollups.Deltas();
            for (int i = 0; i < keys.size(); i++) {
                DataValueKey k = keys.get(i);
                Current row = current(c, k, true)
                        .orElseThrow(() -> new NotFoundException("No value for " + k + "; nothing was changed"));
                if (row.value().state() != DataValueState.SUBMITTED) {
                    throw new ConflictException("keys[" + i + "]: " + k + " is " + row.value().state()
                            + ", only SUBMITTED values can be verified or rejected; nothing was changed");
                }
                String author = author(c, row);
                if (caller.username().equals(author) || caller.username().equals(row.value().updatedBy())) {
                    throw new ForbiddenException("keys[" + i + "]: " + k + " was entered or submitted by '"
                            + caller.username() + "', who may not also decide on it: another verifier does (four-eyes "
                            + "rule); nothing was changed");
                }
                transition(c, row, to, reason, action, caller, now, deltas);
            }
            deltas.apply(c);
            AuditServiceImpl.record(c, caller.username(), now, "DataValue",
                    keys.size() == 1 ? keys.get(0).toString() : "batch", action, null,
                    Map.of("keys", keys.stream().limit(1000).map(DataValueKey::toString).toList(),
                            "reason", reason == null ? "" : reason), DataValueRows.commonPath(paths));
            return keys.size();
        });
        events.publish(to.name(), keys);
        return changed;
    }

    /** Who wrote the content of a SUBMITTED value: the author of the version before its submission. */
    private static String author(Connection c, Current row) throws SQLException {
        DataValue v = row.value();
        return Jdbc.one(c, "SELECT CHANGED_BY FROM DATA_VALUE_HISTORY WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                + "AND PERIOD = ? AND VERSION = ?", rs -> rs.getString(1), v.indicator(), v.orgUnit(), v.period(),
                v.version() - 1).orElse(null);
    }

    /** Moves a value to another state (version + 1, history row); the verified rollups follow it in and out of VERIFIED. */
    static void transition(Connection c, Current row, DataValueState to, String reason, String action, Caller caller,
            Instant now, Rollups.Deltas deltas) throws SQLException {
        DataValue v = row.value();
        DataValueRows.history(c, v, action);
        Jdbc.update(c, "UPDATE DATA_VALUE SET STATE = ?, REASON = ?, VERSION = VERSION + 1, UPDATED_BY = ?, "
                + "UPDATED_AT = ? WHERE ID = ?", to, reason, caller.username(), now, row.id());
        if (deltas == null || (to == DataValueState.VERIFIED) == (v.state() == DataValueState.VERIFIED)) {
            return;
        }
        int sign = to == DataValueState.VERIFIED ? 1 : -1;
        deltas.add(v.indicator(), v.period(), row.path(), 0, 0, sign * v.value(), sign);
    }
}
