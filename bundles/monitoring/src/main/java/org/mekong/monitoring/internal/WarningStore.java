package org.mekong.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Role;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningSeverity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Warnings in MON_WARNING: raised, acknowledged, closed; reconciled with each run of a rule. */
@Component(service = WarningStore.class)
public class WarningStore {
    private final DataSource ds;
    private final OrgUnitService orgUnits;

    @Activate
    public WarningStore(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference MonitoringSchema schema, @Reference OrgUnitService orgUnits) {
        this.ds = ds;
        this.orgUnits = orgUnits;
    }

    /** Open warnings that matter most first: CRITICAL, then WARNING, then INFO, each newest first. */
    private static final String ORDER = " ORDER BY CASE SEVERITY WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END, "
            + "RAISED_AT DESC, ID DESC";

    public Page<Warning> find(Caller caller, String orgUnit, String rule, String status, int offset, int limit) {
        return find(caller, orgUnit, rule, status, null, offset, limit);
    }

    /** As above, {@code severity} a comma-separated list of INFO, WARNING, CRITICAL (empty: all). */
    public Page<Warning> find(Caller caller, String orgUnit, String rule, String status, String severity, int offset,
            int limit) {
        caller.require();
        OrgUnit unit = orgUnits.get(orgUnit == null || orgUnit.isBlank() ? Scope.home(caller, orgUnits) : orgUnit);
        Scope.requireWithin(orgUnits, caller, unit, "read warnings");
        List<String> where = new ArrayList<>(List.of("ORGUNIT_PATH LIKE ?"));
        List<Object> params = new ArrayList<>(List.of(unit.path() + "%"));
        if (rule != null && !rule.isBlank()) {
            where.add("RULE_ID = ?");
            params.add(rule);
        }
        if (status != null && !status.isBlank()) {
            String s = status.trim().toUpperCase(Locale.ROOT);
            if (!Set.of("OPEN", "ACKNOWLEDGED", "CLOSED").contains(s)) {
                throw InvalidInputException.field("status", "one of OPEN, ACKNOWLEDGED, CLOSED");
            }
            where.add("STATUS = ?");
            params.add(s);
        }
        if (severity != null && !severity.isBlank()) {
            List<String> wanted = new ArrayList<>();
            for (String part : severity.split(",")) {
                String v = part.trim().toUpperCase(Locale.ROOT);
                if (v.isEmpty()) {
                    continue;
                }
                try {
                    wanted.add(WarningSeverity.valueOf(v).name());
                } catch (IllegalArgumentException e) {
                    throw InvalidInputException.field("severity", "'" + part.trim() + "' is not one of INFO, WARNING, CRITICAL");
                }
            }
            if (!wanted.isEmpty()) {
                where.add("SEVERITY IN (" + String.join(",", java.util.Collections.nCopies(wanted.size(), "?")) + ")");
                params.addAll(wanted);
            }
        }
        String sql = " FROM MON_WARNING WHERE " + String.join(" AND ", where);
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*)" + sql, params.toArray());
            List<Object> paged = new ArrayList<>(params);
            paged.add(offset);
            paged.add(limit);
            return new Page<>(Jdbc.list(c, "SELECT *" + sql + ORDER + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    WarningStore::warning, paged.toArray()), total, offset, limit);
        });
    }

    public Warning acknowledge(Caller caller, long id) {
        caller.require(Role.LEADER, Role.VERIFIER, Role.REPORTER, Role.CENTRAL_IT);
        return Jdbc.write(ds, c -> {
            Warning w = Jdbc.one(c, "SELECT * FROM MON_WARNING WHERE ID = ?", WarningStore::warning, id)
                    .orElseThrow(() -> new NotFoundException("Warning " + id + " does not exist"));
            if (!Scope.within(orgUnits, caller, w.orgUnit())) {
                throw new ForbiddenException("User '" + caller.username() + "' may not acknowledge warnings of '"
                        + w.orgUnit() + "'");
            }
            if (!"OPEN".equals(w.status())) {
                throw new ConflictException("Warning " + id + " is " + w.status() + "; only OPEN warnings can be acknowledged");
            }
            Instant now = Instant.now();
            Jdbc.update(c, "UPDATE MON_WARNING SET STATUS = 'ACKNOWLEDGED', ACKNOWLEDGED_BY = ?, ACKNOWLEDGED_AT = ? "
                    + "WHERE ID = ?", caller.username(), now, id);
            return new Warning(w.id(), w.rule(), w.severity(), w.orgUnit(), w.subjectType(), w.subjectKey(), w.message(),
                    w.raisedAt(), "ACKNOWLEDGED", caller.username(), now, null);
        });
    }

    public long countOpen(String path) {
        return Jdbc.read(ds, c -> Jdbc.count(c, "SELECT COUNT(*) FROM MON_WARNING WHERE ORGUNIT_PATH LIKE ? AND "
                + "STATUS = 'OPEN'", path + "%"));
    }

    /** Open warnings of each unit's subtree, from one grouped query below {@code parentPath}. */
    public Map<String, Long> countOpenBelow(String parentPath, List<OrgUnit> units) {
        Map<String, Long> byPath = new HashMap<>();
        Jdbc.read(ds, c -> Jdbc.list(c, "SELECT ORGUNIT_PATH, COUNT(*) FROM MON_WARNING WHERE ORGUNIT_PATH LIKE ? AND "
                + "STATUS = 'OPEN' GROUP BY ORGUNIT_PATH", rs -> byPath.put(rs.getString(1), rs.getLong(2)),
                parentPath + "%"));
        Map<String, Long> out = new HashMap<>();
        for (OrgUnit u : units) {
            out.put(u.code(), byPath.entrySet().stream().filter(e -> e.getKey().startsWith(u.path()))
                    .mapToLong(Map.Entry::getValue).sum());
        }
        return out;
    }

    /** Raises new findings and closes the open or acknowledged warnings of the rule that were not found again. */
    public int[] reconcile(String rule, List<WarningFinding> findings) {
        Instant now = Instant.now();
        return Jdbc.write(ds, c -> {
            Map<String, Long> active = new HashMap<>();
            Jdbc.list(c, "SELECT ID, ORGUNIT_CODE, SUBJECT_TYPE, SUBJECT_KEY FROM MON_WARNING WHERE RULE_ID = ? AND "
                    + "STATUS <> 'CLOSED'", rs -> active.put(rs.getString(2) + '|' + rs.getString(3) + '|'
                            + rs.getString(4), rs.getLong(1)), rule);
            Set<String> seen = new HashSet<>();
            int raised = 0;
            for (WarningFinding f : findings) {
                OrgUnit unit = f.orgUnit() == null ? null : orgUnits.find(f.orgUnit()).orElse(null);
                if (unit == null || f.subjectType() == null || f.subjectKey() == null) {
                    continue;
                }
                String k = unit.code() + '|' + f.subjectType() + '|' + f.subjectKey();
                if (!seen.add(k) || active.containsKey(k)) {
                    continue;
                }
                String message = f.message() == null ? "" : f.message();
                Jdbc.update(c, "INSERT INTO MON_WARNING (RULE_ID, SEVERITY, ORGUNIT_CODE, ORGUNIT_PATH, SUBJECT_TYPE, "
                        + "SUBJECT_KEY, MESSAGE, STATUS, RAISED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)", rule,
                        f.severity() == null ? WarningSeverity.WARNING : f.severity(), unit.code(), unit.path(),
                        truncate(f.subjectType(), 32), truncate(f.subjectKey(), 200), truncate(message, 1000), now);
                raised++;
            }
            int closed = 0;
            for (Map.Entry<String, Long> e : active.entrySet()) {
                if (!seen.contains(e.getKey())) {
                    closed += Jdbc.update(c, "UPDATE MON_WARNING SET STATUS = 'CLOSED', CLOSED_AT = ? WHERE ID = ?", now,
                            e.getValue());
                }
            }
            return new int[] { raised, closed };
        });
    }

    /** Closes every warning of a rule that went away. */
    public int closeAll(String rule) {
        return Jdbc.write(ds, c -> Jdbc.update(c, "UPDATE MON_WARNING SET STATUS = 'CLOSED', CLOSED_AT = ? WHERE "
                + "RULE_ID = ? AND STATUS <> 'CLOSED'", Instant.now(), rule));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static Warning warning(ResultSet rs) throws SQLException {
        return new Warning(rs.getLong("ID"), rs.getString("RULE_ID"), WarningSeverity.valueOf(rs.getString("SEVERITY")),
                rs.getString("ORGUNIT_CODE"), rs.getString("SUBJECT_TYPE"), rs.getString("SUBJECT_KEY"),
                rs.getString("MESSAGE"), Jdbc.getInstant(rs, "RAISED_AT"), rs.getString("STATUS"),
                rs.getString("ACKNOWLEDGED_BY"), Jdbc.getInstant(rs, "ACKNOWLEDGED_AT"), Jdbc.getInstant(rs, "CLOSED_AT"));
    }
}
