package org.mekong.monitoring.internal.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Period;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.spi.WarningContext;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningRule;
import org.mekong.core.spi.WarningSeverity;
import org.mekong.monitoring.internal.Colour;
import org.mekong.monitoring.internal.DashboardService;
import org.mekong.monitoring.internal.EvidenceAccess;
import org.mekong.monitoring.internal.TargetService;
import org.mekong.monitoring.internal.Task;
import org.mekong.monitoring.internal.TaskService;
import org.mekong.storage.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The built-in data rules. They read the current values with set-based SQL on the shared
 * DataSource (one query per indicator), never entity by entity.
 */
public final class DataRules {
    private DataRules() {
    }

    /** The latest period of the periodicity whose reporting deadline (end + grace days) has passed. */
    static Period latestDue(Indicator i, LocalDate today, int graceDays) {
        Period p = Period.containing(i.periodicity(), today);
        while (!p.end().plusDays(graceDays).isBefore(today)) {
            p = p.previous();
        }
        return p;
    }

    static List<Indicator> manual(IndicatorRegistry indicators) {
        return indicators.list(null, false).stream().filter(Indicator::isManual).toList();
    }

    /** A unit that reported an indicator before but not its latest due period. */
    @Component(service = WarningRule.class)
    public static class StaleData extends NamedRule {
        private final DataSource ds;
        private final IndicatorRegistry indicators;

        @Activate
        public StaleData(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
                @Reference IndicatorRegistry indicators) {
            super("stale-data", "Số liệu không được cập nhật", "Stale data");
            this.ds = ds;
            this.indicators = indicators;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            int grace = context.setting("stale.grace.days", 30);
            List<WarningFinding> out = new ArrayList<>();
            for (Indicator i : manual(indicators)) {
                Period due = latestDue(i, context.today(), grace);
                Jdbc.read(ds, c -> Jdbc.list(c, "SELECT ORGUNIT_CODE, MAX(PERIOD) FROM DATA_VALUE WHERE INDICATOR_CODE = ? "
                        + "AND LENGTH(PERIOD) = ? GROUP BY ORGUNIT_CODE", rs -> {
                            String last = rs.getString(2);
                            if (last.compareTo(due.id()) < 0) {
                                out.add(new WarningFinding(rs.getString(1), "DATAVALUE", i.code() + "/" + rs.getString(1),
                                        WarningSeverity.WARNING, "Chưa cập nhật / No update: " + i.code() + " \u2014 kỳ mới nhất "
                                                + "/ latest period " + last + ", cần kỳ / due " + due.id() + " trước / by "
                                                + due.end().plusDays(grace)));
                            }
                            return null;
                        }, i.code(), due.id().length()));
            }
            return out;
        }
    }

    /** A unit's own latest value of an indicator is red. */
    @Component(service = WarningRule.class)
    public static class IndicatorRed extends NamedRule {
        private final DataSource ds;
        private final IndicatorRegistry indicators;
        private final TargetService targets;
        private final DashboardService dashboard;

        @Activate
        public IndicatorRed(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
                @Reference IndicatorRegistry indicators, @Reference TargetService targets,
                @Reference DashboardService dashboard) {
            super("indicator-red", "Chỉ tiêu ở mức đỏ", "Indicator red");
            this.ds = ds;
            this.indicators = indicators;
            this.targets = targets;
            this.dashboard = dashboard;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            List<WarningFinding> out = new ArrayList<>();
            for (Indicator i : manual(indicators)) {
                record Latest(String unit, String period, double value) {
                }
                List<Latest> latest = Jdbc.read(ds, c -> Jdbc.list(c, "SELECT d.ORGUNIT_CODE, d.PERIOD, d.NUM_VALUE FROM "
                        + "DATA_VALUE d WHERE d.INDICATOR_CODE = ? AND d.PERIOD = (SELECT MAX(x.PERIOD) FROM DATA_VALUE x "
                        + "WHERE x.INDICATOR_CODE = d.INDICATOR_CODE AND x.ORGUNIT_CODE = d.ORGUNIT_CODE)",
                        rs -> new Latest(rs.getString(1), rs.getString(2), rs.getDouble(3)), i.code()));
                if (latest.isEmpty()) {
                    continue;
                }
                Map<String, Double> tg = targets.lookup(List.of(i.code()), latest.stream().map(Latest::unit).toList(),
                        latest.stream().map(Latest::period).distinct().toList());
                for (Latest l : latest) {
                    Double t = tg.get(i.code() + '|' + l.unit() + '|' + l.period());
                    if (Colour.of(i, l.value(), t, dashboard.amberRatio()) == Colour.RED) {
                        out.add(new WarningFinding(l.unit(), "INDICATOR", i.code() + "/" + l.unit(),
                                WarningSeverity.WARNING, "Mức đỏ / Red: " + i.code() + " = " + l.value() + " (" + l.period()
                                        + (t == null ? "" : ", mục tiêu / target " + t) + ")"));
                    }
                }
            }
            return out;
        }
    }

    /** The last k values of a unit keep getting worse. */
    @Component(service = WarningRule.class)
    public static class FallingTrend extends NamedRule {
        private final DataSource ds;
        private final IndicatorRegistry indicators;

        @Activate
        public FallingTrend(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
                @Reference IndicatorRegistry indicators) {
            super("falling-trend", "Xu hướng giảm", "Falling trend");
            this.ds = ds;
            this.indicators = indicators;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            int k = Math.max(2, context.setting("falling.periods", 3));
            int grace = context.setting("stale.grace.days", 30);
            List<WarningFinding> out = new ArrayList<>();
            for (Indicator i : manual(indicators)) {
                List<Period> window = new ArrayList<>();
                Period p = latestDue(i, context.today(), grace).next();
                for (int n = 0; n < k + 1; n++) {
                    window.add(0, p);
                    p = p.previous();
                }
                // The last k values up to the latest period that has data: look at k + 1 periods ending one past due.
                Map<String, Map<String, Double>> byUnit = new HashMap<>();
                Jdbc.read(ds, c -> Jdbc.list(c, "SELECT ORGUNIT_CODE, PERIOD, NUM_VALUE FROM DATA_VALUE WHERE "
                        + "INDICATOR_CODE = ? AND PERIOD IN (" + Jdbc.marks(window.size()) + ")", rs -> byUnit
                                .computeIfAbsent(rs.getString(1), u -> new HashMap<>()).put(rs.getString(2), rs.getDouble(3)),
                        concat(i.code(), window.stream().map(Period::id).toArray())));
                for (Map.Entry<String, Map<String, Double>> e : byUnit.entrySet()) {
                    List<Double> series = new ArrayList<>();
                    for (Period w : window) {
                        Double v = e.getValue().get(w.id());
                        if (v != null) {
                            series.add(v);
                        }
                    }
                    if (series.size() < k) {
                        continue;
                    }
                    List<Double> last = series.subList(series.size() - k, series.size());
                    boolean worse = true;
                    for (int n = 1; n < last.size(); n++) {
                        boolean step = i.direction() == Direction.LOWER_IS_BETTER ? last.get(n) > last.get(n - 1)
                                : last.get(n) < last.get(n - 1);
                        worse &= step;
                    }
                    if (worse) {
                        out.add(new WarningFinding(e.getKey(), "INDICATOR", i.code() + "/" + e.getKey(),
                                WarningSeverity.WARNING, "Xu hướng xấu đi / Worsening: " + i.code() + " " + last));
                    }
                }
            }
            return out;
        }

        private static Object[] concat(Object first, Object[] rest) {
            Object[] all = new Object[rest.length + 1];
            all[0] = first;
            System.arraycopy(rest, 0, all, 1, rest.length);
            return all;
        }
    }

    /** A done task whose reports carry no file, or a submitted value without evidence. */
    @Component(service = WarningRule.class)
    public static class MissingEvidence extends NamedRule {
        private final DataSource ds;
        private final TaskService tasks;
        private final EvidenceAccess evidence;

        @Activate
        public MissingEvidence(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
                @Reference TaskService tasks, @Reference EvidenceAccess evidence) {
            super("missing-evidence", "Thiếu minh chứng", "Missing evidence");
            this.ds = ds;
            this.tasks = tasks;
            this.evidence = evidence;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            List<WarningFinding> out = new ArrayList<>();
            Set<String> tasksWithFiles = evidence.tasksWithEvidence();
            for (Task t : tasks.all()) {
                if (t.completedOn() != null && !tasksWithFiles.contains(t.code())) {
                    out.add(new WarningFinding(t.orgUnit(), "TASK", t.code(), WarningSeverity.INFO,
                            "Nhiệm vụ hoàn thành nhưng chưa có minh chứng / Task done without evidence: " + t.code()));
                }
            }
            Set<String> valuesWithFiles = evidence.ownersWithEvidence("DATAVALUE");
            Map<String, Integer> missing = new java.util.TreeMap<>();
            Jdbc.read(ds, c -> Jdbc.list(c, "SELECT INDICATOR_CODE, ORGUNIT_CODE, PERIOD FROM DATA_VALUE WHERE STATE = "
                    + "'SUBMITTED'", rs -> {
                        if (!valuesWithFiles.contains(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3))) {
                            missing.merge(rs.getString(2) + "/" + rs.getString(3), 1, Integer::sum);
                        }
                        return null;
                    }));
            // One finding per unit and period, not per value.
            missing.forEach((unitPeriod, n) -> out.add(new WarningFinding(unitPeriod.substring(0, unitPeriod.indexOf('/')),
                    "DATAVALUE", unitPeriod, WarningSeverity.INFO, "Số liệu gửi duyệt chưa có minh chứng / Submitted "
                            + "values without evidence: " + unitPeriod + " (" + n + ")")));
            return out;
        }
    }
}
