package org.mekong.storage.internal;

import static org.mekong.storage.jdbc.Jdbc.marks;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.mekong.core.api.Page;
import org.mekong.core.api.Period;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.Completeness;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueQuery;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.DataValueVersion;
import org.mekong.core.api.data.SubmitResult;
import org.mekong.core.api.data.UnitValue;
import org.mekong.core.api.indicator.Aggregation;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.storage.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Data values on plain JDBC (the bulk path): validation, org-unit scope, no duplicate provision,
 * optimistic locking, the DRAFT -> SUBMITTED -> VERIFIED | REJECTED workflow, history of every
 * superseded version, and the rollup rows in DV_AGG, all committed in the same transaction as the
 * change. New values are inserted with JDBC batches; an insert that hits the unique key is a
 * duplicate provision (409).
 */
@Component(service = DataValueService.class)
public class DataValueServiceImpl implements DataValueService {
    static final int MAX_BATCH = 50_000;
    static final int MAX_COMMENT = 2000;
    static final int MAX_REASON = 1000;
    static final String TOPIC = "mekong/datavalue/";
    private static final int IN_CHUNK = 200;
    private static final String COLUMNS = "INDICATOR_CODE, ORGUNIT_CODE, PERIOD, NUM_VALUE, VALUE_COMMENT, STATE, "
            + "REASON, VERSION, UPDATED_BY, UPDATED_AT, ORGUNIT_PATH, DEPTH";

    private final DataSource ds;
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;
    /** Plugin scopes: a scoped plugin's indicators take values only for units within its scope. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.mekong.core.api.orgunit.PluginScopes scopes;

    @Activate
    public DataValueServiceImpl(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference StorageSchema schema, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits) {
        this.ds = ds;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
    }

    /** A validated input with its resolved org unit and indicator. */
    private record Checked(DataValueInput input, OrgUnit unit, Indicator indicator, String prefix) {
        DataValueKey key() {
            return new DataValueKey(input.indicator(), input.orgUnit(), input.period());
        }
    }

    /** A current row as stored. */
    private record Current(long id, DataValue value, String path) {
    }

    /** One rollup row: the values at {@code depth} below {@code unit}. Ordered, so writers lock rows alike. */
    private record AggKey(String indicator, String unit, String period, int depth) implements Comparable<AggKey> {
        private static final java.util.Comparator<AggKey> ORDER = java.util.Comparator.comparing(AggKey::indicator)
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

    // ---------------------------------------------------------------- writes

    @Override
    public DataValue write(Caller caller, DataValueInput input) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        Checked checked = check(caller, input, "", new HashMap<>());
        DataValue written = Jdbc.write(ds, c -> apply(c, caller, List.of(checked))).get(0);
        publish("WRITTEN", List.of(checked.key()));
        return written;
    }

    @Override
    public BatchResult writeBatch(Caller caller, List<DataValueInput> inputs) {
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
        Map<String, java.util.Optional<Indicator>> memo = new HashMap<>();
        for (int i = 0; i < inputs.size() && problems.size() < 100; i++) {
            String prefix = "values[" + i + "].";
            try {
                Checked c = check(caller, inputs.get(i), prefix, memo);
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
        publish("WRITTEN", keys);
        int created = (int) written.stream().filter(v -> v.version() == 1).count();
        return new BatchResult(created, written.size() - created);
    }

    /** Inserts the new values in JDBC batches, updates the others one by one, then the rollups. */
    private List<DataValue> apply(Connection c, Caller caller, List<Checked> all) throws SQLException {
        Instant now = Instant.now();
        Timestamp ts = Timestamp.from(now);
        Map<AggKey, Delta> deltas = new HashMap<>();
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
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO DATA_VALUE (" + COLUMNS
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
                    addDelta(deltas, in.indicator(), in.period(), ch.unit().path(), in.value(), 1, 0, 0);
                    out.add(new DataValue(in.indicator(), in.orgUnit(), in.period(), in.value(), in.comment(),
                            DataValueState.DRAFT, null, 1, caller.username(), now));
                }
                if (pending > 0) {
                    executeCreates(c, ps, creates, caller.username(), ts);
                }
            }
        }
        applyDeltas(c, deltas);
        audit(c, caller, all, out, befores, now);
        return out;
    }

    private void executeCreates(Connection c, PreparedStatement ps, List<Checked> creates, String actor, Timestamp ts)
            throws SQLException {
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
    private ConflictException duplicate(Connection c, List<Checked> creates, String actor, Timestamp ts)
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

    private DataValue update(Connection c, Caller caller, Checked ch, Timestamp ts, Instant now,
            Map<AggKey, Delta> deltas, List<DataValue> befores) throws SQLException {
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
        history(c, before, "UPDATE", caller.username(), now);
        int n = Jdbc.update(c, "UPDATE DATA_VALUE SET NUM_VALUE = ?, VALUE_COMMENT = ?, STATE = 'DRAFT', REASON = NULL, "
                + "VERSION = VERSION + 1, UPDATED_BY = ?, UPDATED_AT = ? WHERE ID = ? AND VERSION = ?", in.value(),
                in.comment(), caller.username(), ts, cur.id(), before.version());
        if (n != 1) {
            throw new ConflictException(ch.prefix() + ch.key() + " was changed concurrently; read it again");
        }
        boolean wasVerified = before.state() == DataValueState.VERIFIED;
        addDelta(deltas, in.indicator(), in.period(), cur.path(), in.value() - before.value(), 0,
                wasVerified ? -before.value() : 0, wasVerified ? -1 : 0);
        return new DataValue(in.indicator(), in.orgUnit(), in.period(), in.value(), in.comment(), DataValueState.DRAFT,
                null, before.version() + 1, caller.username(), now);
    }

    private static void history(Connection c, DataValue before, String action, String actor, Instant now)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO DATA_VALUE_HISTORY (INDICATOR_CODE, ORGUNIT_CODE, PERIOD, VERSION, NUM_VALUE, "
                + "VALUE_COMMENT, STATE, REASON, ACTION, CHANGED_BY, CHANGED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                before.indicator(), before.orgUnit(), before.period(), before.version(),
                before.value() == null ? Jdbc.Null.DOUBLE : before.value(), before.comment(), before.state(),
                before.reason(), action, before.updatedBy(), before.updatedAt());
    }

    /** The path of the deepest unit that holds all the given unit paths (the audit entry of a batch belongs there). */
    static String commonPath(List<String> paths) {
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
                commonPath(in.stream().map(ch -> ch.unit().path()).toList()));
    }

    // ---------------------------------------------------------------- workflow

    @Override
    public SubmitResult submit(Caller caller, String orgUnit, String period, List<String> only) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        OrgUnit unit = submittable(caller, orgUnit, "orgUnit");
        Period p = Period.parse(period);
        Set<String> wanted = only == null || only.isEmpty() ? null : new HashSet<>(only);
        Instant now = Instant.now();
        List<DataValueKey> submitted = new ArrayList<>();
        Completeness completeness = Jdbc.write(ds, c -> submitIn(c, caller, unit, p, wanted, now, submitted));
        publish("SUBMITTED", submitted);
        return new SubmitResult(submitted.size(), completeness);
    }

    @Override
    public int submitAll(Caller caller, List<org.mekong.core.api.data.UnitPeriod> unitPeriods) {
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
        publish("SUBMITTED", submitted);
        return submitted.size();
    }

    private OrgUnit submittable(Caller caller, String code, String field) {
        OrgUnit unit = unit(code, field);
        if (!inScope(caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not submit data for org unit '"
                    + unit.code() + "': it is outside their units " + caller.orgUnits());
        }
        return unit;
    }

    /** Validates and submits one unit's period inside the caller's transaction; answers its completeness. */
    private Completeness submitIn(Connection c, Caller caller, OrgUnit unit, Period p, Set<String> wanted, Instant now,
            List<DataValueKey> submitted) throws SQLException {
        List<Current> rows = Jdbc.list(c, "SELECT ID, " + COLUMNS + " FROM DATA_VALUE WHERE ORGUNIT_CODE = ? "
                + "AND PERIOD = ? ORDER BY INDICATOR_CODE", DataValueServiceImpl::current, unit.code(), p.id());
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
            String outlier = outlier(c, v);
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
        List<String> expected = indicators.list(null, false).stream()
                .filter(i -> i.isManual() && i.periodicity() == p.periodicity() && indicators.enabledAt(i.code(), unit.code()))
                .map(Indicator::code).sorted().toList();
        List<String> missing = expected.stream().filter(code -> !present.contains(code)).toList();
        if (!mine.isEmpty()) {
            AuditServiceImpl.record(c, caller.username(), now, "DataValue", unit.code() + "/" + p.id(), "SUBMIT",
                    null, Map.of("submitted", mine.stream().map(DataValueKey::toString).toList()), unit.path());
        }
        return new Completeness(expected.size(), expected.size() - missing.size(), missing);
    }

    /**
     * Min-max check against the unit's own history of the indicator (up to 12 earlier periods,
     * at least 3 needed): the value must lie within [min - m, max + m], m = max(half the range,
     * a tenth of the mean). Answers the problem, or null.
     */
    private static String outlier(Connection c, DataValue v) throws SQLException {
        List<Double> past = Jdbc.list(c, "SELECT NUM_VALUE FROM DATA_VALUE WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                + "AND PERIOD < ? AND LENGTH(PERIOD) = ? AND NUM_VALUE IS NOT NULL ORDER BY PERIOD DESC "
                + "FETCH FIRST 12 ROWS ONLY", rs -> rs.getDouble(1), v.indicator(), v.orgUnit(), v.period(),
                v.period().length());
        if (past.size() < 3) {
            return null;
        }
        double min = past.stream().mapToDouble(d -> d).min().orElse(0);
        double max = past.stream().mapToDouble(d -> d).max().orElse(0);
        double mean = past.stream().mapToDouble(d -> d).average().orElse(0);
        double margin = Math.max((max - min) / 2, Math.abs(mean) / 10);
        double lo = min - margin;
        double hi = max + margin;
        if (v.value() < lo || v.value() > hi) {
            return String.format(java.util.Locale.ROOT, "value %s is outside the range expected from this unit's last %d "
                    + "periods [%.2f, %.2f]", v.value(), past.size(), lo, hi);
        }
        return null;
    }

    @Override
    public int verify(Caller caller, List<DataValueKey> keys) {
        return decide(caller, keys, DataValueState.VERIFIED, null);
    }

    @Override
    public int reject(Caller caller, List<DataValueKey> keys, String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.field("reason", "is required: tell the reporter what to correct");
        }
        if (reason.length() > MAX_REASON) {
            throw InvalidInputException.field("reason", "at most " + MAX_REASON + " characters");
        }
        return decide(caller, keys, DataValueState.REJECTED, reason.strip());
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
            OrgUnit unit = unit(k.orgUnit(), "keys[" + i + "].orgUnit");
            paths.add(unit.path());
            if (!caller.isNational() && caller.orgUnits().stream()
                    .noneMatch(m -> !m.equals(unit.code()) && orgUnits.isWithin(unit.code(), m))) {
                throw new ForbiddenException("User '" + caller.username() + "' may not verify data of '" + unit.code()
                        + "': a verifier decides on the units below their own " + caller.orgUnits());
            }
        }
        Instant now = Instant.now();
        String action = to == DataValueState.VERIFIED ? "VERIFY" : "REJECT";
        int changed = Jdbc.write(ds, c -> {
            Map<AggKey, Delta> deltas = new HashMap<>();
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
            applyDeltas(c, deltas);
            AuditServiceImpl.record(c, caller.username(), now, "DataValue",
                    keys.size() == 1 ? keys.get(0).toString() : "batch", action, null,
                    Map.of("keys", keys.stream().limit(1000).map(DataValueKey::toString).toList(),
                            "reason", reason == null ? "" : reason), commonPath(paths));
            return keys.size();
        });
        publish(to.name(), keys);
        return changed;
    }

    /** Who wrote the content of a SUBMITTED value: the author of the version before its submission. */
    private static String author(Connection c, Current row) throws SQLException {
        DataValue v = row.value();
        return Jdbc.one(c, "SELECT CHANGED_BY FROM DATA_VALUE_HISTORY WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                + "AND PERIOD = ? AND VERSION = ?", rs -> rs.getString(1), v.indicator(), v.orgUnit(), v.period(),
                v.version() - 1).orElse(null);
    }

    private void transition(Connection c, Current row, DataValueState to, String reason, String action, Caller caller,
            Instant now, Map<AggKey, Delta> deltas) throws SQLException {
        DataValue v = row.value();
        history(c, v, action, caller.username(), now);
        Jdbc.update(c, "UPDATE DATA_VALUE SET STATE = ?, REASON = ?, VERSION = VERSION + 1, UPDATED_BY = ?, "
                + "UPDATED_AT = ? WHERE ID = ?", to, reason, caller.username(), now, row.id());
        if (to == DataValueState.VERIFIED && deltas != null) {
            addDelta(deltas, v.indicator(), v.period(), row.path(), 0, 0, v.value(), 1);
        }
    }

    // ---------------------------------------------------------------- rollups

    private static int depth(String path) {
        int d = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }

    /** Adds a change to every proper ancestor of the unit at {@code path}, at the unit's depth. */
    private static void addDelta(Map<AggKey, Delta> deltas, String indicator, String period, String path, double sum,
            long count, double verifiedSum, long verifiedCount) {
        // path is /A/B/C/: the proper ancestors are every segment but the last
        int depth = depth(path);
        int start = 1;
        for (int level = 0; level < depth - 1; level++) {
            int end = path.indexOf('/', start);
            Delta d = deltas.computeIfAbsent(new AggKey(indicator, path.substring(start, end), period, depth),
                    k -> new Delta());
            d.sum += sum;
            d.count += count;
            d.verifiedSum += verifiedSum;
            d.verifiedCount += verifiedCount;
            start = end + 1;
        }
    }

    /** Applies rollup changes in key order (so concurrent writers lock rows in the same order). */
    private static void applyDeltas(Connection c, Map<AggKey, Delta> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<Map.Entry<AggKey, Delta>> entries = new ArrayList<>(deltas.entrySet());
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
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO DV_AGG (INDICATOR_CODE, ORGUNIT_CODE, PERIOD, DEPTH, "
                + "VALUE_SUM, VALUE_COUNT, VERIFIED_SUM, VERIFIED_COUNT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
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

    @Override
    public List<UnitValue> valuesAt(Collection<String> inds, Collection<String> units, Collection<String> periods,
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
                            double value = aggregation.get(rs.getString(1)) == Aggregation.SUM ? sum : sum / n;
                            return new UnitValue(rs.getString(1), rs.getString(2), rs.getString(3), value, false, n,
                                    sum, null);
                        }, params.toArray())) {
                    out.putIfAbsent(agg.indicator() + '|' + agg.orgUnit() + '|' + agg.period(), agg);
                }
            }
            return List.copyOf(out.values());
        });
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Page<DataValue> find(Caller caller, DataValueQuery q) {
        caller.require();
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.orgUnit() != null) {
            OrgUnit unit = unit(q.orgUnit(), "orgUnit");
            if (!readable(caller, unit.code())) {
                throw new ForbiddenException("User '" + caller.username() + "' may not read data of org unit '"
                        + unit.code() + "': it is outside their units " + caller.orgUnits());
            }
            if (q.includeDescendants()) {
                clauses.add("ORGUNIT_PATH LIKE ?");
                params.add(unit.path() + "%");
            } else {
                clauses.add("ORGUNIT_CODE = ?");
                params.add(unit.code());
            }
        } else if (!caller.isNational()) {
            List<String> scope = new ArrayList<>();
            for (String m : caller.orgUnits()) {
                orgUnits.find(m).ifPresent(u -> {
                    scope.add("ORGUNIT_PATH LIKE ?");
                    params.add(u.path() + "%");
                });
            }
            clauses.add(scope.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", scope) + ")");
        }
        filter(clauses, params, "INDICATOR_CODE = ?", q.indicator());
        filter(clauses, params, "PERIOD = ?", checkPeriod(q.period(), "period"));
        filter(clauses, params, "PERIOD >= ?", checkPeriod(q.periodFrom(), "from"));
        filter(clauses, params, "PERIOD <= ?", checkPeriod(q.periodTo(), "to"));
        filter(clauses, params, "STATE = ?", q.state() == null ? null : q.state().name());
        String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM DATA_VALUE" + where, params.toArray());
            List<Object> paged = new ArrayList<>(params);
            paged.add(q.offset());
            paged.add(q.limit());
            List<DataValue> items = Jdbc.list(c, "SELECT ID, " + COLUMNS + " FROM DATA_VALUE" + where
                    + " ORDER BY INDICATOR_CODE, ORGUNIT_PATH, PERIOD OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    rs -> current(rs).value(), paged.toArray());
            return new Page<>(items, total, q.offset(), q.limit());
        });
    }

    @Override
    public List<DataValueVersion> history(Caller caller, DataValueKey key) {
        caller.require();
        OrgUnit unit = unit(key.orgUnit(), "orgUnit");
        if (!readable(caller, unit.code())) {
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

    @Override
    public long count() {
        return Jdbc.read(ds, c -> Jdbc.count(c, "SELECT COUNT(*) FROM DATA_VALUE"));
    }

    private static java.util.Optional<Current> current(Connection c, DataValueKey k, boolean forUpdate)
            throws SQLException {
        return Jdbc.one(c, "SELECT ID, " + COLUMNS + " FROM DATA_VALUE WHERE INDICATOR_CODE = ? AND ORGUNIT_CODE = ? "
                + "AND PERIOD = ?" + (forUpdate ? " FOR UPDATE" : ""), DataValueServiceImpl::current, k.indicator(),
                k.orgUnit(), k.period());
    }

    private static Current current(ResultSet rs) throws SQLException {
        return new Current(rs.getLong("ID"), new DataValue(rs.getString("INDICATOR_CODE"), rs.getString("ORGUNIT_CODE"),
                rs.getString("PERIOD"), Jdbc.getDouble(rs, "NUM_VALUE"), rs.getString("VALUE_COMMENT"),
                DataValueState.valueOf(rs.getString("STATE")), rs.getString("REASON"), rs.getLong("VERSION"),
                rs.getString("UPDATED_BY"), Jdbc.getInstant(rs, "UPDATED_AT")), rs.getString("ORGUNIT_PATH"));
    }

    private static DataValueKey key(DataValue v) {
        return new DataValueKey(v.indicator(), v.orgUnit(), v.period());
    }

    // ---------------------------------------------------------------- checks

    /** Validates one input; {@code memo} caches indicator lookups for the length of one call. */
    private Checked check(Caller caller, DataValueInput in, String prefix, Map<String, java.util.Optional<Indicator>> memo) {
        if (in == null) {
            throw InvalidInputException.field(prefix.isEmpty() ? "body" : prefix + "value", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        Indicator indicator = null;
        if (blank(in.indicator())) {
            problems.add(new ErrorDetail(prefix + "indicator", "is required"));
        } else {
            indicator = memo.computeIfAbsent(in.indicator(), indicators::find).orElse(null);
            if (indicator == null) {
                problems.add(new ErrorDetail(prefix + "indicator", "unknown indicator '" + in.indicator() + "'"));
            } else if (indicator.retired()) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator() + "' is retired"));
            } else if (indicator.formula() != null && !indicator.formula().isBlank()) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator()
                        + "' is computed by formula and cannot be entered"));
            } else if (indicator.source() != org.mekong.core.api.indicator.IndicatorSource.MANUAL) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator()
                        + "' is computed (" + indicator.source() + ") and cannot be entered"));
            }
        }
        OrgUnit unit = null;
        if (blank(in.orgUnit())) {
            problems.add(new ErrorDetail(prefix + "orgUnit", "is required"));
        } else {
            unit = orgUnits.find(in.orgUnit()).orElse(null);
            if (unit == null) {
                problems.add(new ErrorDetail(prefix + "orgUnit", "unknown org unit '" + in.orgUnit() + "'"));
            }
        }
        try {
            Period period = Period.parse(in.period());
            if (indicator != null && indicator.periodicity() != null && period.periodicity() != indicator.periodicity()) {
                problems.add(new ErrorDetail(prefix + "period", "indicator '" + indicator.code() + "' is reported "
                        + indicator.periodicity() + ", but '" + in.period() + "' is " + period.periodicity()));
            }
        } catch (InvalidInputException e) {
            problems.add(new ErrorDetail(prefix + "period", e.details().get(0).problem()));
        }
        if (in.value() == null) {
            problems.add(new ErrorDetail(prefix + "value", "is required"));
        } else if (in.value().isNaN() || in.value().isInfinite()) {
            problems.add(new ErrorDetail(prefix + "value", "must be a finite number"));
        } else if (indicator != null && indicator.rangeProblem(in.value()) != null) {
            problems.add(new ErrorDetail(prefix + "value", indicator.rangeProblem(in.value())));
        }
        if (in.comment() != null && in.comment().length() > MAX_COMMENT) {
            problems.add(new ErrorDetail(prefix + "comment", "at most " + MAX_COMMENT + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
        if (!inScope(caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not write data for org unit '"
                    + unit.code() + "': it is outside their units " + caller.orgUnits());
        }
        checkPluginScope(indicator, unit.code());
        return new Checked(in, unit, indicator, prefix);
    }

    /** A scoped plugin's indicator takes values only for units within the plugin's scope (403 otherwise). */
    private void checkPluginScope(Indicator indicator, String unit) {
        if (indicator.provider() == null || indicators.enabledAt(indicator.code(), unit)) {
            return;
        }
        String bundle = indicators.providerBundle(indicator.code()).orElse(indicator.provider());
        org.mekong.core.api.orgunit.PluginScope scope = scopes == null ? null : scopes.scopeOf(bundle).orElse(null);
        throw new ForbiddenException("Indicator '" + indicator.code() + "' belongs to plugin " + bundle
                + ", which is enabled only for " + (scope == null || scope.units().isEmpty() ? "no unit" : "units "
                        + scope.units()) + (scope == null || scope.reason() == null ? "" : " (" + scope.reason() + ")")
                + "; '" + unit + "' is outside");
    }

    private OrgUnit unit(String code, String field) {
        if (blank(code)) {
            throw InvalidInputException.field(field, "is required");
        }
        return orgUnits.find(code).orElseThrow(() -> InvalidInputException.field(field, "unknown org unit '" + code + "'"));
    }

    private boolean inScope(Caller caller, String unit) {
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> orgUnits.isWithin(unit, m));
    }

    /** Reading: national roles everywhere, others within their units' subtrees. */
    private boolean readable(Caller caller, String unit) {
        return inScope(caller, unit);
    }

    private static String checkPeriod(String p, String field) {
        if (p == null) {
            return null;
        }
        try {
            return Period.parse(p).id();
        } catch (InvalidInputException e) {
            throw InvalidInputException.field(field, e.details().get(0).problem());
        }
    }

    private static void filter(List<String> clauses, List<Object> params, String clause, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.add(value);
        }
    }

    private void publish(String what, Collection<DataValueKey> keys) {
        EventAdmin events = eventAdmin;
        if (events == null || keys.isEmpty()) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        props.put("count", keys.size());
        props.put("indicators", keys.stream().map(DataValueKey::indicator).distinct().toArray(String[]::new));
        props.put("orgUnits", keys.stream().map(DataValueKey::orgUnit).distinct().limit(1000).toArray(String[]::new));
        props.put("periods", keys.stream().map(DataValueKey::period).distinct().toArray(String[]::new));
        events.postEvent(new Event(TOPIC + what, props));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
