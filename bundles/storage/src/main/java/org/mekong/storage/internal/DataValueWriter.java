package org.mekong.storage.internal;

import static org.mekong.core.jdbc.Jdbc.marks;
import static org.mekong.storage.internal.DataValueRows.depth;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.mekong.core.api.data.WriteMode;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.storage.internal.DataValueChecks.Checked;
import org.mekong.storage.internal.DataValueRows.Current;

/**
 * Creates and updates data values, one or a batch, in one transaction with their history rows,
 * rollup deltas and audit entry. The stored values of a batch are read first, so a refusal names
 * every conflicting index (existing values, stale versions, locked values) and nothing is written;
 * new values are then inserted with JDBC batches.
 */
final class DataValueWriter {
    static final int MAX_BATCH = 50_000;
    private static final int IN_CHUNK = 200;

    private final DataSource ds;
    private final DataValueChecks checks;
    private final DataValueEvents events;

    DataValueWriter(DataSource ds, DataValueChecks checks, DataValueEvents events) {
        this.ds = ds;
        this.checks = checks;
        this.events = events;
    }

    /** An existing value to update with the checked input. */
    private record Update(Checked checked, Current current) {
    }

    /** What a write will do: which inputs create, which update, how many are unchanged. */
    private record Plan(List<Checked> creates, List<Update> updates, int unchanged) {
    }

    DataValue write(Caller caller, DataValueInput input) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        Checked checked = checks.check(caller, input, "", new HashMap<>());
        DataValue written = Jdbc.write(ds, c -> apply(c, caller, List.of(checked), WriteMode.STRICT)).get(0);
        events.publish("WRITTEN", List.of(checked.key()));
        return written;
    }

    BatchResult writeBatch(Caller caller, List<DataValueInput> inputs, WriteMode mode, String idempotencyKey) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        WriteMode m = mode == null ? WriteMode.STRICT : mode;
        String key = BatchReplays.key(idempotencyKey);
        if (inputs == null || inputs.isEmpty()) {
            throw InvalidInputException.field("values", "must contain at least one value");
        }
        if (inputs.size() > MAX_BATCH) {
            throw InvalidInputException.field("values", "at most " + MAX_BATCH + " values per batch, got " + inputs.size());
        }
        String fingerprint = key == null ? null : BatchReplays.fingerprint(m, inputs);
        if (key != null) {
            Optional<BatchResult> earlier = Jdbc.read(ds, c -> BatchReplays.earlier(c, caller.username(), key,
                    fingerprint, Instant.now()));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        List<Checked> checked = new ArrayList<>(inputs.size());
        List<ErrorDetail> problems = new ArrayList<>();
        Map<DataValueKey, Integer> firstIndex = new HashMap<>();
        Map<String, Optional<Indicator>> memo = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            String prefix = "values[" + i + "].";
            try {
                Checked c = checks.check(caller, inputs.get(i), prefix, memo);
                Integer first = firstIndex.putIfAbsent(c.key(), i);
                if (first != null) {
                    problems.add(new ErrorDetail(prefix + "period", "the same indicator, unit and period as values["
                            + first + "]: a key appears once per batch"));
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
                    + " problem(s), first " + problems.get(0).field() + ": " + problems.get(0).problem() + ")", problems);
        }
        List<DataValue> written = new ArrayList<>();
        BatchResult result = Jdbc.write(ds, c -> {
            written.clear();
            written.addAll(apply(c, caller, checked, m));
            int created = (int) written.stream().filter(v -> v.version() == 1).count();
            BatchResult r = new BatchResult(created, written.size() - created, checked.size() - written.size());
            if (key != null) {
                BatchReplays.keep(c, caller.username(), key, fingerprint, r, Instant.now());
            }
            return r;
        });
        events.publish("WRITTEN", written.stream().map(DataValueRows::key).toList());
        return result;
    }

    /** Plans against the stored values (refusing every conflict at once), then inserts, updates and rolls up. */
    private List<DataValue> apply(Connection c, Caller caller, List<Checked> all, WriteMode mode) throws SQLException {
        Plan plan = plan(all, stored(c, all), mode);
        Instant now = Instant.now();
        Timestamp ts = Timestamp.from(now);
        Rollups.Deltas deltas = new Rollups.Deltas();
        List<DataValue> out = new ArrayList<>(all.size());
        List<DataValue> befores = new ArrayList<>();
        for (Update u : plan.updates()) {
            befores.add(u.current().value());
            out.add(update(c, caller, u, ts, now, deltas));
        }
        insert(c, caller, plan.creates(), ts, now, deltas, out);
        if (out.isEmpty()) {
            return out;
        }
        deltas.apply(c);
        audit(c, caller, all, out, befores, plan.unchanged(), now);
        return out;
    }

    /** Sorts each input into create, update or unchanged; every conflict is collected and refused together. */
    private static Plan plan(List<Checked> all, Map<DataValueKey, Current> stored, WriteMode mode) {
        List<Checked> creates = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        List<ErrorDetail> conflicts = new ArrayList<>();
        int unchanged = 0;
        for (Checked ch : all) {
            DataValueInput in = ch.input();
            Current cur = stored.get(ch.key());
            String p = ch.prefix();
            if (cur == null) {
                if (in.version() == null) {
                    creates.add(ch);
                } else {
                    conflicts.add(new ErrorDetail(p + "version", "no value exists yet for " + ch.key() + " but version "
                            + in.version() + " was given; omit the version to create it"));
                }
                continue;
            }
            DataValue v = cur.value();
            if (mode == WriteMode.UPSERT && same(in, v)) {
                unchanged++;
                continue;
            }
            String locked = lockProblem(ch.key(), v.state());
            if (locked != null) {
                conflicts.add(new ErrorDetail(p + "value", locked));
            } else if (in.version() == null && mode == WriteMode.STRICT) {
                conflicts.add(new ErrorDetail(p + "version", "a value already exists for " + ch.key()
                        + ": current version is " + v.version() + " (" + v.state() + "); send that version to update "
                        + "it" + (p.isEmpty() ? "" : ", or send the batch with mode=upsert")));
            } else if (in.version() != null && in.version() != v.version()) {
                conflicts.add(new ErrorDetail(p + "version", "stale version " + in.version() + " for " + ch.key()
                        + "; the current version is " + v.version()));
            } else {
                updates.add(new Update(ch, cur));
            }
        }
        if (!conflicts.isEmpty()) {
            throw conflict(conflicts, all.size() == 1 && all.get(0).prefix().isEmpty());
        }
        return new Plan(creates, updates, unchanged);
    }

    /** Why a value in {@code state} may not be written, with how to proceed; null when it may. */
    static String lockProblem(DataValueKey key, DataValueState state) {
        return switch (state) {
            case VERIFIED -> key + " is VERIFIED and final: to change it, ask for a correction: POST "
                    + "/api/datavalues/corrections {indicator, orgUnit, period, reason}; once a verifier accepts it, "
                    + "the value is DRAFT again and can be written";
            case SUBMITTED -> key + " is SUBMITTED and waits for verification: it can be changed again if the "
                    + "verifier rejects it; once VERIFIED, ask for a correction (POST /api/datavalues/corrections)";
            default -> null;
        };
    }

    private static ConflictException conflict(List<ErrorDetail> conflicts, boolean single) {
        ErrorDetail first = conflicts.get(0);
        if (single) {
            return new ConflictException(first.problem() + "; nothing was stored", conflicts);
        }
        return new ConflictException(conflicts.size() + " value(s) of the batch conflict with stored values; nothing "
                + "was stored (first " + first.field() + ": " + first.problem() + ")", conflicts);
    }

    /** Identical content: what an upsert leaves as it is. */
    private static boolean same(DataValueInput in, DataValue v) {
        return Objects.equals(in.value(), v.value()) && Objects.equals(blankToNull(in.comment()), blankToNull(v.comment()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The stored rows of the inputs' keys, read in chunks of units. */
    private static Map<DataValueKey, Current> stored(Connection c, List<Checked> all) throws SQLException {
        Map<DataValueKey, Current> out = new HashMap<>();
        Set<DataValueKey> wanted = new LinkedHashSet<>();
        Set<String> inds = new LinkedHashSet<>();
        Set<String> periods = new LinkedHashSet<>();
        Set<String> units = new LinkedHashSet<>();
        for (Checked ch : all) {
            wanted.add(ch.key());
            inds.add(ch.input().indicator());
            periods.add(ch.input().period());
            units.add(ch.input().orgUnit());
        }
        List<String> us = List.copyOf(units);
        for (int from = 0; from < us.size(); from += IN_CHUNK) {
            List<String> chunk = us.subList(from, Math.min(us.size(), from + IN_CHUNK));
            List<Object> params = new ArrayList<>(chunk);
            params.addAll(inds);
            params.addAll(periods);
            for (Current cur : Jdbc.list(c, "SELECT ID, " + DataValueRows.COLUMNS + " FROM DATA_VALUE WHERE ORGUNIT_CODE IN ("
                    + marks(chunk.size()) + ") AND INDICATOR_CODE IN (" + marks(inds.size()) + ") AND PERIOD IN ("
                    + marks(periods.size()) + ")", DataValueRows::current, params.toArray())) {
                DataValueKey k = DataValueRows.key(cur.value());
                if (wanted.contains(k)) {
                    out.put(k, cur);
                }
            }
        }
        return out;
    }

    private static void insert(Connection c, Caller caller, List<Checked> creates, Timestamp ts, Instant now,
            Rollups.Deltas deltas, List<DataValue> out) throws SQLException {
        if (creates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO DATA_VALUE (" + DataValueRows.COLUMNS
                + ", CREATED_BY, CREATED_AT, PERIOD_START, PERIOD_END) VALUES (?, ?, ?, ?, ?, 'DRAFT', NULL, 1, ?, ?, ?, ?, "
                + "?, ?, ?, ?)")) {
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
                ps.setDate(12, Date.valueOf(ch.period().start()));
                ps.setDate(13, Date.valueOf(ch.period().end()));
                ps.addBatch();
                if (++pending == 1000) {
                    executeCreates(ps, creates);
                    pending = 0;
                }
                deltas.add(in.indicator(), in.period(), ch.unit().path(), in.value(), 1, 0, 0);
                out.add(new DataValue(in.indicator(), in.orgUnit(), in.period(), in.value(), in.comment(),
                        DataValueState.DRAFT, null, 1, caller.username(), now));
            }
            if (pending > 0) {
                executeCreates(ps, creates);
            }
        }
    }

    private static void executeCreates(PreparedStatement ps, List<Checked> creates) throws SQLException {
        try {
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            // The stored values were read first: a duplicate now was created by someone else meanwhile.
            throw new ConflictException((creates.size() == 1 ? creates.get(0).key() + " was" : "A value of the batch was")
                    + " created concurrently by someone else; read it again; nothing was stored");
        }
    }

    private static DataValue update(Connection c, Caller caller, Update u, Timestamp ts, Instant now,
            Rollups.Deltas deltas) throws SQLException {
        Checked ch = u.checked();
        DataValueInput in = ch.input();
        Current cur = u.current();
        DataValue before = cur.value();
        DataValueRows.history(c, before, "UPDATE");
        // The version guard also keeps the state: every change of state moves the version on.
        int n = Jdbc.update(c, "UPDATE DATA_VALUE SET NUM_VALUE = ?, VALUE_COMMENT = ?, STATE = 'DRAFT', REASON = NULL, "
                + "VERSION = VERSION + 1, UPDATED_BY = ?, UPDATED_AT = ? WHERE ID = ? AND VERSION = ?", in.value(),
                in.comment(), caller.username(), ts, cur.id(), before.version());
        if (n != 1) {
            throw new ConflictException(ch.prefix() + ch.key() + " was changed concurrently; read it again; nothing "
                    + "was stored");
        }
        deltas.add(in.indicator(), in.period(), cur.path(), in.value() - before.value(), 0, 0, 0);
        return new DataValue(in.indicator(), in.orgUnit(), in.period(), in.value(), in.comment(), DataValueState.DRAFT,
                null, before.version() + 1, caller.username(), now);
    }

    /** One audit entry per call: the value itself for a single write, a summary for a batch. */
    private static void audit(Connection c, Caller caller, List<Checked> in, List<DataValue> out,
            List<DataValue> befores, int unchanged, Instant now) throws SQLException {
        if (in.size() == 1) {
            DataValue v = out.get(0);
            AuditServiceImpl.record(c, caller.username(), now, "DataValue", in.get(0).key().toString(),
                    v.version() == 1 ? "CREATE" : "UPDATE", befores.isEmpty() ? null : befores.get(0), v,
                    in.get(0).unit().path());
            return;
        }
        long created = out.stream().filter(v -> v.version() == 1).count();
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("created", created);
        summary.put("updated", out.size() - created);
        summary.put("unchanged", unchanged);
        summary.put("indicators", out.stream().map(DataValue::indicator).distinct().sorted().limit(100).toList());
        summary.put("periods", out.stream().map(DataValue::period).distinct().sorted().limit(100).toList());
        summary.put("orgUnits", out.stream().map(DataValue::orgUnit).distinct().count());
        AuditServiceImpl.record(c, caller.username(), now, "DataValue", "batch", "BATCH", null, summary,
                DataValueRows.commonPath(in.stream().map(ch -> ch.unit().path()).toList()));
    }
}
