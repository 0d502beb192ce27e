package org.mekong.monitoring.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Period;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Targets per indicator, unit and period; a yearly target also covers that year's months and quarters. */
@Component(service = TargetService.class)
public class TargetService {
    private final DataSource ds;
    private final OrgUnitService orgUnits;
    private final IndicatorRegistry indicators;
    private final AuditService audit;
    private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();

    /** Grows with every target set on this node ({@link OverviewCache} compares it). */
    long revision() {
        return revision.get();
    }

    /** A target. */
    public record Target(String indicator, String orgUnit, String period, Double target) {
    }

    @Activate
    public TargetService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference MonitoringSchema schema, @Reference OrgUnitService orgUnits,
            @Reference IndicatorRegistry indicators, @Reference AuditService audit) {
        this.ds = ds;
        this.orgUnits = orgUnits;
        this.indicators = indicators;
        this.audit = audit;
    }

    public List<Target> find(String indicator, String orgUnit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (indicator != null) {
            where.add("INDICATOR_CODE = ?");
            params.add(indicator);
        }
        if (orgUnit != null) {
            where.add("ORGUNIT_CODE = ?");
            params.add(orgUnit);
        }
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT * FROM MON_TARGET" + (where.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", where)) + " ORDER BY INDICATOR_CODE, ORGUNIT_CODE, PERIOD FETCH FIRST 5000 ROWS ONLY",
                rs -> new Target(rs.getString("INDICATOR_CODE"), rs.getString("ORGUNIT_CODE"), rs.getString("PERIOD"),
                        rs.getDouble("TARGET")), params.toArray()));
    }

    public Target put(Caller caller, Target t) {
        caller.require(Role.LEADER, Role.CENTRAL_IT);
        if (t == null) {
            throw InvalidInputException.field("body", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        Indicator ind = t.indicator() == null ? null : indicators.find(t.indicator()).orElse(null);
        if (ind == null) {
            problems.add(new ErrorDetail("indicator", "unknown indicator '" + t.indicator() + "'"));
        }
        OrgUnit unit = t.orgUnit() == null ? null : orgUnits.find(t.orgUnit()).orElse(null);
        if (unit == null) {
            problems.add(new ErrorDetail("orgUnit", "unknown org unit '" + t.orgUnit() + "'"));
        }
        try {
            Period p = Period.parse(t.period());
            if (ind != null && p.periodicity() != ind.periodicity() && p.periodicity() != org.mekong.core.api.Periodicity.YEARLY) {
                problems.add(new ErrorDetail("period", "use a " + ind.periodicity() + " period or a year"));
            }
        } catch (InvalidInputException e) {
            problems.add(new ErrorDetail("period", e.details().get(0).problem()));
        }
        if (t.target() == null || t.target().isNaN() || t.target().isInfinite()) {
            problems.add(new ErrorDetail("target", "a finite number is required"));
        } else if (ind != null && ind.rangeProblem(t.target()) != null) {
            problems.add(new ErrorDetail("target", ind.rangeProblem(t.target())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
        Scope.requireWithin(orgUnits, caller, unit, "set targets");
        Instant now = Instant.now();
        Jdbc.write(ds, c -> {
            int n = Jdbc.update(c, "UPDATE MON_TARGET SET TARGET = ?, UPDATED_BY = ?, UPDATED_AT = ? WHERE "
                    + "INDICATOR_CODE = ? AND ORGUNIT_CODE = ? AND PERIOD = ?", t.target(), caller.username(), now,
                    t.indicator(), t.orgUnit(), t.period());
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO MON_TARGET (INDICATOR_CODE, ORGUNIT_CODE, PERIOD, TARGET, UPDATED_BY, "
                        + "UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?)", t.indicator(), t.orgUnit(), t.period(), t.target(),
                        caller.username(), now);
            }
            return n;
        });
        audit.record(caller.username(), "Target", t.indicator() + "/" + t.orgUnit() + "/" + t.period(), "PUT", null, t, t.orgUnit());
        revision.incrementAndGet();
        return t;
    }

    /**
     * Targets for the combinations, keyed {@code indicator|unit|period}: the exact period's
     * target, else the target of the period's year.
     */
    public Map<String, Double> lookup(Collection<String> inds, Collection<String> units, Collection<String> periods) {
        if (inds.isEmpty() || units.isEmpty() || periods.isEmpty()) {
            return Map.of();
        }
        List<String> ps = new ArrayList<>(new HashSet<>(periods));
        for (String p : periods) {
            ps.add(p.substring(0, 4));
        }
        List<String> is = List.copyOf(new HashSet<>(inds));
        List<String> us = List.copyOf(new HashSet<>(units));
        List<String> all = List.copyOf(new HashSet<>(ps));
        List<Object> params = new ArrayList<>(is);
        params.addAll(us);
        params.addAll(all);
        Map<String, Double> stored = new HashMap<>();
        Jdbc.read(ds, c -> Jdbc.list(c, "SELECT INDICATOR_CODE, ORGUNIT_CODE, PERIOD, TARGET FROM MON_TARGET WHERE "
                + "INDICATOR_CODE IN (" + Jdbc.marks(is.size()) + ") AND ORGUNIT_CODE IN (" + Jdbc.marks(us.size())
                + ") AND PERIOD IN (" + Jdbc.marks(all.size()) + ")", rs -> stored.put(rs.getString(1) + '|'
                        + rs.getString(2) + '|' + rs.getString(3), rs.getDouble(4)), params.toArray()));
        Map<String, Double> out = new HashMap<>();
        for (String i : is) {
            for (String u : us) {
                for (String p : periods) {
                    Double t = stored.get(i + '|' + u + '|' + p);
                    if (t == null) {
                        t = stored.get(i + '|' + u + '|' + p.substring(0, 4));
                    }
                    if (t != null) {
                        out.put(i + '|' + u + '|' + p, t);
                    }
                }
            }
        }
        return out;
    }

    void insertDemo(java.sql.Connection c, String indicator, String unit, String period, double target)
            throws java.sql.SQLException {
        Jdbc.update(c, "INSERT INTO MON_TARGET (INDICATOR_CODE, ORGUNIT_CODE, PERIOD, TARGET, UPDATED_BY, UPDATED_AT) "
                + "VALUES (?, ?, ?, ?, 'demo', ?)", indicator, unit, period, target, Instant.now());
    }
}
