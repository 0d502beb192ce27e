package org.mekong.monitoring.internal.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.TreeValue;
import org.mekong.core.api.data.ValueScan;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The built-in data rules. They read the current values through the core's set-based
 * {@link DataValueService#scan} (one read per indicator), never value by value and never with
 * SQL of their own on the core's tables.
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
        private final DataValueService values;
        private final IndicatorRegistry indicators;

        @Activate
        public StaleData(@Reference DataValueService values,
                @Reference IndicatorRegistry indicators) {
            super("stale-data", "Số liệu không được cập nhật", "Stale data");
            this.values = values;
            this.indicators = indicators;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            int grace = context.setting("stale.grace.days", 30);
            List<WarningFinding> out = new ArrayList<>();
            for (Indicator i : manual(indicators)) {
                Period due = latestDue(i, context.today(), grace);
                for (TreeValue v : values.scan(new ValueScan(List.of(i.code()), null, null, null, true))) {
                    Period last = Period.parse(v.period());
                    if (last.periodicity() == due.periodicity() && last.end().isBefore(due.end())) {
                        out.add(new WarningFinding(v.orgUnit(), "DATAVALUE", i.code() + "/" + v.orgUnit(),
                                WarningSeverity.WARNING, "Chưa cập nhật / No update: " + i.code() + " \u2014 kỳ mới nhất "
                                        + "/ latest period " + last + ", cần kỳ / due " + due.id() + " trước / by "
                                        + due.end().plusDays(grace)));
                    }
                }
            }
            return out;
        }
    }

    /** A unit's own latest value of an indicator is red. */
    @Component(service = WarningRule.class)
    public static class IndicatorRed extends NamedRule {
        private final DataValueService values;
        private final IndicatorRegistry indicators;
        private final TargetService targets;
        private final DashboardService dashboard;

        @Activate
        public IndicatorRed(@Reference DataValueService values,
                @Reference IndicatorRegistry indicators, @Reference TargetService targets,
                @Reference DashboardService dashboard) {
            super("indicator-red", "Chỉ tiêu ở mức đỏ", "Indicator red");
            this.values = values;
            this.indicators = indicators;
            this.targets = targets;
            this.dashboard = dashboard;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            List<WarningFinding> out = new ArrayList<>();
            for (Indicator i : manual(indicators)) {
                List<TreeValue> latest = values.scan(new ValueScan(List.of(i.code()), null, null, null, true));
                if (latest.isEmpty()) {
                    continue;
                }
                Map<String, Double> tg = targets.lookup(List.of(i.code()), latest.stream().map(TreeValue::orgUnit).toList(),
                        latest.stream().map(TreeValue::period).distinct().toList());
                for (TreeValue l : latest) {
                    Double t = tg.get(i.code() + '|' + l.orgUnit() + '|' + l.period());
                    if (Colour.of(i, l.value(), t, dashboard.amberRatio()) == Colour.RED) {
                        out.add(new WarningFinding(l.orgUnit(), "INDICATOR", i.code() + "/" + l.orgUnit(),
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
        private final DataValueService values;
        private final IndicatorRegistry indicators;

        @Activate
        public FallingTrend(@Reference DataValueService values,
                @Reference IndicatorRegistry indicators) {
            super("falling-trend", "Xu hướng giảm", "Falling trend");
            this.values = values;
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
                for (TreeValue v : values.scan(new ValueScan(List.of(i.code()), null,
                        window.stream().map(Period::id).toList(), null, false))) {
                    byUnit.computeIfAbsent(v.orgUnit(), u -> new HashMap<>()).put(v.period(), v.value());
                }
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
    }

    /** A done task whose reports carry no file, or a submitted value without evidence. */
    @Component(service = WarningRule.class)
    public static class MissingEvidence extends NamedRule {
        private final DataValueService values;
        private final TaskService tasks;
        private final EvidenceAccess evidence;

        @Activate
        public MissingEvidence(@Reference DataValueService values,
                @Reference TaskService tasks, @Reference EvidenceAccess evidence) {
            super("missing-evidence", "Thiếu minh chứng", "Missing evidence");
            this.values = values;
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
            for (TreeValue v : values.scan(new ValueScan(null, null, null, Set.of(DataValueState.SUBMITTED), false))) {
                if (!valuesWithFiles.contains(v.indicator() + "/" + v.orgUnit() + "/" + v.period())) {
                    missing.merge(v.orgUnit() + "/" + v.period(), 1, Integer::sum);
                }
            }
            // One finding per unit and period, not per value.
            missing.forEach((unitPeriod, n) -> out.add(new WarningFinding(unitPeriod.substring(0, unitPeriod.indexOf('/')),
                    "DATAVALUE", unitPeriod, WarningSeverity.INFO, "Số liệu gửi duyệt chưa có minh chứng / Submitted "
                            + "values without evidence: " + unitPeriod + " (" + n + ")")));
            return out;
        }
    }
}
