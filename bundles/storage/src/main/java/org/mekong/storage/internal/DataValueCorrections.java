package org.mekong.storage.internal;

import static org.mekong.storage.internal.DataValueRows.blank;
import static org.mekong.storage.internal.DataValueRows.current;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.Correction;
import org.mekong.core.api.data.CorrectionState;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.storage.internal.DataValueRows.Current;

/**
 * Reopening VERIFIED values: a reporter of the unit asks with a reason; a verifier who may decide
 * on the unit (as for verify) and is not the requester accepts, which returns the value to DRAFT
 * (version + 1, history row, rollups, audit in one transaction), or declines with a reason.
 */
final class DataValueCorrections {
    private static final String COLUMNS = "ID, INDICATOR_CODE, ORGUNIT_CODE, PERIOD, VALUE_VERSION, REASON, STATE, "
            + "REQUESTED_BY, REQUESTED_AT, DECIDED_BY, DECIDED_AT, DECISION_REASON";

    private final DataSource ds;
    private final DataValueChecks checks;
    private final DataValueQueries queries;
    private final DataValueEvents events;

    DataValueCorrections(DataSource ds, DataValueChecks checks, DataValueQueries queries, DataValueEvents events) {
        this.ds = ds;
        this.checks = checks;
        this.queries = queries;
        this.events = events;
    }

    Correction request(Caller caller, DataValueKey key, String reason) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        if (key == null || blank(key.indicator()) || blank(key.orgUnit()) || blank(key.period())) {
            throw InvalidInputException.field(key == null || blank(key.indicator()) ? "indicator"
                    : blank(key.orgUnit()) ? "orgUnit" : "period", "is required: name the value to correct");
        }
        String why = DataValueWorkflow.reason(reason, "tell the verifier what is wrong with the verified value");
        OrgUnit unit = checks.unit(key.orgUnit(), "orgUnit");
        if (!checks.inScope(caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not ask for corrections of org unit '"
                    + unit.code() + "': it is outside their units " + caller.orgUnits());
        }
        Instant now = Instant.now();
        return Jdbc.write(ds, c -> {
            // Locking the value's row serialises requests for the same value: one PENDING at a time.
            Current row = current(c, key, true).orElseThrow(() -> new NotFoundException("No value for " + key
                    + "; nothing was changed"));
            DataValue v = row.value();
            if (v.state() != DataValueState.VERIFIED) {
                throw new ConflictException(key + " is " + v.state() + ": only a VERIFIED value needs a correction; "
                        + (v.state() == DataValueState.SUBMITTED ? "it waits for its verifier, who may reject it"
                                : "write the new value directly") + "; nothing was changed");
            }
            long pending = Jdbc.count(c, "SELECT COUNT(*) FROM DATA_VALUE_CORRECTION WHERE INDICATOR_CODE = ? "
                    + "AND ORGUNIT_CODE = ? AND PERIOD = ? AND STATE = 'PENDING'", key.indicator(), key.orgUnit(),
                    key.period());
            if (pending > 0) {
                throw new ConflictException("A correction of " + key + " is already pending; a verifier decides on it "
                        + "first; nothing was changed");
            }
            long id = Jdbc.insert(c, "INSERT INTO DATA_VALUE_CORRECTION (INDICATOR_CODE, ORGUNIT_CODE, ORGUNIT_PATH, "
                    + "PERIOD, VALUE_VERSION, REASON, STATE, REQUESTED_BY, REQUESTED_AT) VALUES (?, ?, ?, ?, ?, ?, "
                    + "'PENDING', ?, ?)", key.indicator(), key.orgUnit(), row.path(), key.period(), v.version(), why,
                    caller.username(), now);
            Correction made = new Correction(id, key.indicator(), key.orgUnit(), key.period(), v.version(), why,
                    CorrectionState.PENDING, caller.username(), now, null, null, null);
            AuditServiceImpl.record(c, caller.username(), now, "DataValue", key.toString(), "CORRECTION_REQUEST", null,
                    made, row.path());
            return made;
        });
    }

    Page<Correction> find(Caller caller, String orgUnit, CorrectionState state, int offset, int limit) {
        caller.require();
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        queries.scope(caller, orgUnit, true, clauses, params);
        DataValueQueries.filter(clauses, params, "STATE = ?", state == null ? null : state.name());
        String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM DATA_VALUE_CORRECTION" + where, params.toArray());
            List<Object> paged = new ArrayList<>(params);
            paged.add(offset);
            paged.add(limit);
            List<Correction> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM DATA_VALUE_CORRECTION" + where
                    + " ORDER BY REQUESTED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    DataValueCorrections::correction, paged.toArray());
            return new Page<>(items, total, offset, limit);
        });
    }

    Correction accept(Caller caller, long id) {
        return decide(caller, id, CorrectionState.ACCEPTED, null);
    }

    Correction decline(Caller caller, long id, String reason) {
        return decide(caller, id, CorrectionState.DECLINED,
                DataValueWorkflow.reason(reason, "tell the reporter why the verified value stays"));
    }

    private Correction decide(Caller caller, long id, CorrectionState to, String reason) {
        caller.require(Role.VERIFIER, Role.CENTRAL_IT);
        Instant now = Instant.now();
        Correction decided = Jdbc.write(ds, c -> {
            Correction r = Jdbc.one(c, "SELECT " + COLUMNS + " FROM DATA_VALUE_CORRECTION WHERE ID = ? FOR UPDATE",
                    DataValueCorrections::correction, id).orElseThrow(() -> new NotFoundException(
                            "No correction request " + id));
            if (!checks.decidable(caller, r.orgUnit())) {
                throw new ForbiddenException("User '" + caller.username() + "' may not decide on corrections of '"
                        + r.orgUnit() + "': a verifier decides on the units below their own " + caller.orgUnits());
            }
            if (r.state() != CorrectionState.PENDING) {
                throw new ConflictException("Correction request " + id + " was " + r.state() + " by '" + r.decidedBy()
                        + "' already; nothing was changed");
            }
            if (caller.username().equals(r.requestedBy())) {
                throw new ForbiddenException("Correction request " + id + " was made by '" + caller.username()
                        + "', who may not also decide on it: another verifier does (four-eyes rule); nothing was changed");
            }
            Current row = current(c, r.key(), true).orElseThrow(() -> new NotFoundException("No value for " + r.key()));
            if (to == CorrectionState.ACCEPTED) {
                reopen(c, caller, row, now);
            }
            Jdbc.update(c, "UPDATE DATA_VALUE_CORRECTION SET STATE = ?, DECIDED_BY = ?, DECIDED_AT = ?, "
                    + "DECISION_REASON = ? WHERE ID = ?", to, caller.username(), now, reason, id);
            Correction after = new Correction(r.id(), r.indicator(), r.orgUnit(), r.period(), r.valueVersion(),
                    r.reason(), to, r.requestedBy(), r.requestedAt(), caller.username(), now, reason);
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("correction", after);
            audit.put("valueVersion", to == CorrectionState.ACCEPTED ? row.value().version() + 1 : row.value().version());
            AuditServiceImpl.record(c, caller.username(), now, "DataValue", r.key().toString(),
                    to == CorrectionState.ACCEPTED ? "CORRECTION_ACCEPT" : "CORRECTION_DECLINE", r, audit, row.path());
            return after;
        });
        if (to == CorrectionState.ACCEPTED) {
            events.publish("REOPENED", List.of(decided.key()));
        }
        return decided;
    }

    /** VERIFIED -> DRAFT: the verified figure leaves the verified rollups until verified again. */
    private static void reopen(Connection c, Caller caller, Current row, Instant now) throws SQLException {
        if (row.value().state() != DataValueState.VERIFIED) {
            throw new ConflictException(row.value().indicator() + "/" + row.value().orgUnit() + "/"
                    + row.value().period() + " is " + row.value().state() + ", not VERIFIED; nothing was changed");
        }
        Rollups.Deltas deltas = new Rollups.Deltas();
        DataValueWorkflow.transition(c, row, DataValueState.DRAFT, null, "REOPEN", caller, now, deltas);
        deltas.apply(c);
    }

    private static Correction correction(ResultSet rs) throws SQLException {
        return new Correction(rs.getLong("ID"), rs.getString("INDICATOR_CODE"), rs.getString("ORGUNIT_CODE"),
                rs.getString("PERIOD"), rs.getLong("VALUE_VERSION"), rs.getString("REASON"),
                CorrectionState.valueOf(rs.getString("STATE")), rs.getString("REQUESTED_BY"),
                Jdbc.getInstant(rs, "REQUESTED_AT"), rs.getString("DECIDED_BY"), Jdbc.getInstant(rs, "DECIDED_AT"),
                rs.getString("DECISION_REASON"));
    }
}
