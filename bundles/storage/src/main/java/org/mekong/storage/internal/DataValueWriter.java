package org.mekong.storage.internal;

import static org.mekong.storage.internal.DataValueRows.current;
import static org.mekong.storage.internal.DataValueRows.depth;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.storage.internal.DataValueChecks.Checked;
import org.mekong.storage.internal.DataValueRows.Current;
import org.mekong.storage.jdbc.Jdbc;

/**
 * Creates and updates data values, one or a batch, in one transaction with their history rows,
 * rollup deltas and audit entry. New values are inserted with JDBC batches; an insert that hits
 * the unique key is a duplicate provision (409).
 */
final class DataValueWriter {
    static final int MAX_BATCH = 50_000;

    private final DataSource ds;
    private final DataValueChecks checks;
    private final DataValueEvents events;

    DataValueWriter(DataSource ds, DataValueChecks checks, DataValueEvents events) {
        this.ds = ds;
        this.checks = checks;
        this.events = events;
    }

    DataValue write(Caller caller, DataValueInput input) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        Checked checked = checks.check(caller, input, "", new HashMap<>());
        DataValue written = Jdbc.write(ds, c -> apply(c, caller, List.of(checked))).get(0);
        events.publish("WRITTEN", List.of(checked.key()));
        return written;
    }

    BatchResult writeBatch(Caller caller, List<DataValueInput> inputs) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        if (inputs == null || inputs.isEmpty()) {
            throw InvalidInputException.field("values", "must contain at least one value");
        }
        if (inputs.size() > MAX_BATCH) {
            throw InvalidInputException.field("values", "at most " + MAX_BATCH + " values per batch, got " + inputs.size());
        }
        List<Checked> checked = new ArrayList<>(inputs.size());
        List<ErrorDetail> problems = new ArrayList<>();
        Set<DataValueKey> keys = new HashSet<>();
        Map<String, Optional<Indicator>> memo = new HashMap<>();
        for (int i = 0; i < inputs.size() && problems.size() < 100; i++) {
            String prefix = "values[" + i + "].";
            try {
                Checked c = checks.check(caller, inputs.get(i), prefix, memo);
                if (!keys.add(c.key())) {
                    problems.add(new ErrorDetail(prefix + "period", "the same indicator, unit and period appear twice in the batch"));
                }
                checked.add(c);
            } catch (InvalidInputException e) {
                problems.addAll(e.details());
            } catch (ForbiddenException e) {
                throw new ForbiddenException(prefix.substring(0, prefix.length() - 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The batch was rejected; nothing was stored (" + problems.size()
                    + " problem(s))", problems);
        }
        List<DataValue> written = Jdbc.write(ds, c -> apply(c, caller, checked));
        events.publish("WRITTEN", keys);
        int created = (int) written.stream().filter(v -> v.version() == 1).count();
        return new BatchResult(created, written.size() - created);
    }

    /** Inserts the new values in JDBC batches, updates the others one by one, then the rollups. */
    private List<DataValue> apply(Connection c, Caller caller, List<Checked> all) throws SQLException {
        Instant now = Instant.now();
        Timestamp ts = Timestamp.from(now);
        Rollups.Deltas deltas = new Rollups.Deltas();
        List<DataValue> out = new ArrayList<>(all.size());
        List<DataValue> befores = new ArrayList<>();
        List<Checked> creates = new ArrayList<>();
        for (Checked ch : all) {
            if (ch.input().version() == null) {
                creates.add(ch);
            } else {
                out.add(update(c, caller, ch, ts, now, deltas, befores));
            }
        }
        if (!creates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO DATA_VALUE (" + DataValueRows.COLUMNS
                    + ", CREATED_BY, CREATED_AT) VALUES (?, ?, ?, ?, ?, 'DRAFT', NULL, 1, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (Checked ch : creates) {
                    DataValueInput in = ch.input();
                    ps.setString(1, in.indicator());
                    ps.setString(2, in.orgUnit());
                    ps.setString(3, in.period());
                    ps.setDouble(4, in.value());
                    ps.setString(5, in.comment());
                    ps.setString(6, caller.username());
                    ps.setTimestamp(7, ts);
                    ps.setString(8, ch.unit().path());
                    ps.setInt(9, depth(ch.unit().path()));
                    ps.setString(10, caller.username());
                    ps.setTimestamp(11, ts);
                    ps.addBatch();
                    if (++pending == 1000) {
                        executeCreates(c, ps, creates, caller.username(), ts);
                        pending = 0;
                    }
                    deltas.add(in.indicator(), in.period(), ch.unit().path(), in.value(), 1, 0, 0);
                    out.add(new DataValue(in.indicator(), in.orgUnit(), in.period(), in.value(), in.comment(),
                            DataValueState.DRAFT, null, 1, caller.username(), now));
                }
                if (pending > 0) {
                    executeCreates(c, ps, creates, caller.username(), ts);
                }
            }
        }
        deltas.apply(c);
        audit(c, caller, all, out, befores, now);
        return out;
    }

    private static void executeCreates(Connection c, PreparedStatement ps, List<Checked> creates, String actor,
            Timestamp ts) throws SQLException {
        try {
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            throw duplicate(c, creates, actor, ts);
        }
    }

    /** Names the first value of a failed insert batch that exists already. */
    private static ConflictException duplicate(Connection c, List<Checked> creates, String actor, Timestamp ts)
            throws SQLException {
        // A failed statement does not end the transaction; rows this batch inserted are told apart by actor and time.
        for (Checked ch : creates) {
            DataValueInput in = ch.input();
            var existing = Jdbc.one(c, "SELECT VERSION FROM DATA_VALUE WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                    + "AND PERIOD = ? AND NOT (CREATED_BY = ? AND CREATED_AT = ?)", rs -> rs.getLong(1), in.indicator(),
                    in.orgUnit(), in.period(), actor, ts);
            if (existing.isPresent()) {
                return new ConflictException(ch.prefix() + "a value already exists for " + ch.key() + " (version "
                        + existing.get() + "); send that version to update it; nothing was stored",
                        List.of(new ErrorDetail(ch.prefix() + "version", "current version is " + existing.get())));
            }
        }
        return new ConflictException("A value in the batch was created concurrently by someone else; nothing was stored");
    }

    private static DataValue update(Connection c, Caller caller, Checked ch, Timestamp ts, Instant now,
            Rollups.Deltas deltas, List<DataValue> befores) throws SQLException {
        DataValueInput in = ch.input();
        Current cur = current(c, ch.key(), true).orElseThrow(() -> new ConflictException(ch.prefix()
                + "no value exists yet for " + ch.key() + " but version " + in.version()
                + " was given; omit the version to create it"));
        DataValue before = cur.value();
        befores.add(before);
        if (in.version() != before.version()) {
            throw new ConflictException(ch.prefix() + "stale version " + in.version() + " for " + ch.key()
                    + "; the current version is " + before.version(), List.of(new ErrorDetail(ch.prefix() + "version",
                            "current version is " + before.version())));
        }
        if (before.state() == DataValueState.SUBMITTED && !caller.isNational()) {
            throw new ConflictException(ch.prefix() + ch.key() + " is SUBMITTED and waits for verification; "
                    + "it can be changed again once it is verified or rejected");
        }
        DataValueRows.history(c, before, "UPDATE");
        int n = Jdbc.update(c, "UPDATE DATA_VALUE SET NUM_VALUE = ?, VALUE_COMMENT = ?, STATE = 'DRAFT', REASON = NULL, "
                + "VERSION = VERSION + 1, UPDATED_BY = ?, UPDATED_AT = ? WHERE ID = ? AND VERSION = ?", in.value(),
                in.comment(), caller.username(), ts, cur.id(), before.version());
        if (n != 1) {
            throw new ConflictException(ch.prefix() + ch.key() + " was changed concurrently; read it again");
        }
        boolean wasVerified = before.state() == DataValueState.VERIFIED;
        deltas.add(in.indicator(), in.period(), cur.path(), in.value() - before.value(), 0,
                wasVerified ? -before.value() : 0, wasVerified ? -1 : 0);
        return new DataValue(in.indicator(), in.orgUnit(), in.period(), in.value(), in.comment(), DataValueState.DRAFT,
                null, before.version() + 1, caller.username(), now);
    }

    /** One audit entry per call: the value itself for a single write, a summary for a batch. */
    private static void audit(Connection c, Caller caller, List<Checked> in, List<DataValue> out,
            List<DataValue> befores, Instant now) throws SQLException {
        if (out.size() == 1) {
            DataValue v = out.get(0);
            AuditServiceImpl.record(c, caller.username(), now, "DataValue", in.get(0).key().toString(),
                    v.version() == 1 ? "CREATE" : "UPDATE", befores.isEmpty() ? null : befores.get(0), v,
                    in.get(0).unit().path());
            return;
        }
        long created = out.stream().filter(v -> v.version() == 1).count();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("created", created);
        summary.put("updated", out.size() - created);
        summary.put("indicators", out.stream().map(DataValue::indicator).distinct().sorted().limit(100).toList());
        summary.put("periods", out.stream().map(DataValue::period).distinct().sorted().limit(100).toList());
        summary.put("orgUnits", out.stream().map(DataValue::orgUnit).distinct().count());
        AuditServiceImpl.record(c, caller.username(), now, "DataValue", "batch", "BATCH", null, summary,
                DataValueRows.commonPath(in.stream().map(ch -> ch.unit().path()).toList()));
    }
}
