package org.mekong.monitoring.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Period;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.UnitValue;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.spi.IndicatorProvider;
import org.mekong.indicators.formula.Formula;
import org.mekong.indicators.formula.FormulaException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Dashboards: the value of every indicator at a unit (own value, rollup from the aggregate rows,
 * formula over other indicators, or a plugin's computed value), its target and traffic light;
 * greening, task completion and timeliness per unit; drill-down to the children; rankings.
 */
@Component(service = DashboardService.class, configurationPid = "org.mekong.monitoring")
public class DashboardService {
    private final DataValueService values;
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final TargetService targets;
    private final TaskService tasks;
    private final WarningStore warnings;
    private final List<IndicatorProvider> providers = new CopyOnWriteArrayList<>();
    private volatile double amberRatio;

    /** One indicator at one unit. */
    public record Cell(String code, String nameVi, String nameEn, IndicatorLayer layer, String unit,
            Direction direction, String period, Double value, Double target, Colour colour, boolean own,
            long reportingUnits, String note) {
    }

    /** The summary measures of a unit. */
    public record Summary(int green, int amber, int red, int none, Double greenShare, long tasksDue, long tasksOnTime,
            long tasksOverdue, Double taskOnTimeShare, Double timeliness, long openWarnings) {
    }

    /** A child unit's row in the drill-down table. */
    public record ChildRow(OrgUnit orgUnit, int green, int amber, int red, int none, Double greenShare,
            Double taskOnTimeShare, Double timeliness, long openWarnings, boolean hasChildren) {
    }

    /** A unit name for the breadcrumb. */
    public record Crumb(String code, String nameVi, String nameEn) {
    }

    /** One dashboard level. */
    public record Overview(OrgUnit orgUnit, String asOf, boolean verifiedOnly, List<Crumb> breadcrumb,
            Summary summary, List<Cell> indicators, List<ChildRow> children) {
    }

    /** A point of a trend. */
    public record TrendPoint(String period, Double value, Double target, Colour colour, String note) {
    }

    /** A trend of one indicator at one unit. */
    public record Trend(String indicator, String orgUnit, List<TrendPoint> points) {
    }

    /** A point of a rollup. */
    public record RollupPoint(String period, Double value, long count, Double sum) {
    }

    /** A rollup of one indicator over a subtree. */
    public record Rollup(String indicator, String orgUnit, String aggregation, List<RollupPoint> points) {
    }

    /** A ranked unit. */
    public record RankRow(int rank, OrgUnit orgUnit, Double greenShare, Double taskOnTimeShare, Double timeliness) {
    }

    /** Rankings of the children of a unit. */
    public record Rankings(String by, String asOf, List<RankRow> rows) {
    }

    @Activate
    public DashboardService(@Reference DataValueService values, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits, @Reference TargetService targets, @Reference TaskService tasks,
            @Reference WarningStore warnings, MonitoringConfig config) {
        this.values = values;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.targets = targets;
        this.tasks = tasks;
        this.warnings = warnings;
        modified(config);
    }

    @Modified
    void modified(MonitoringConfig config) {
        amberRatio = config.amber_ratio();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(IndicatorProvider p) {
        providers.add(p);
    }

    void removeProvider(IndicatorProvider p) {
        providers.remove(p);
    }

    /** The configured achievement ratio below which a light with a target is RED. */
    public double amberRatio() {
        return amberRatio;
    }

    /** The default asOf: the last quarter that has ended. */
    static Period defaultAsOf() {
        return Period.containing(Periodicity.QUARTERLY, LocalDate.now()).previous();
    }

    static Period asOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return defaultAsOf();
        }
        try {
            return Period.parse(asOf);
        } catch (InvalidInputException e) {
            throw InvalidInputException.field("asOf", e.details().get(0).problem());
        }
    }

    /** Anonymous callers see verified values anywhere; others their subtree, all values. */
    private boolean verifiedOnly(Caller caller, OrgUnit unit) {
        if (caller.isAnonymous()) {
            return true;
        }
        Scope.requireWithin(orgUnits, caller, unit, "read the dashboard");
        return false;
    }

    public Overview overview(Caller caller, String unitCode, String asOfId) {
        OrgUnit unit = orgUnits.get(unitCode == null || unitCode.isBlank() ? Scope.home(caller, orgUnits) : unitCode);
        boolean verifiedOnly = verifiedOnly(caller, unit);
        Period asOf = asOf(asOfId);
        List<OrgUnit> children = orgUnits.children(unit.code());
        List<OrgUnit> all = new ArrayList<>();
        all.add(unit);
        all.addAll(children);
        List<Indicator> inds = indicators.list(null, false);
        Map<String, List<Cell>> cells = latestCells(inds, all, asOf, verifiedOnly);
        Map<String, Double> timeliness = timeliness(inds, all, asOf, verifiedOnly);
        LocalDate today = LocalDate.now();
        TaskService.TaskCounts tc = tasks.counts(unit.path(), asOf.end(), today);
        List<Cell> own = cells.get(unit.code());
        Summary summary = new Summary(count(own, Colour.GREEN), count(own, Colour.AMBER), count(own, Colour.RED),
                count(own, Colour.NONE), greenShare(own), tc.due(), tc.onTime(), tc.overdue(), tc.onTimeShare(),
                timeliness.get(unit.code()), warnings.countOpen(unit.path()));
        Map<String, TaskService.TaskCounts> childTasks = tasks.countsBelow(unit.path(), children, asOf.end(), today);
        Map<String, Long> childWarnings = warnings.countOpenBelow(unit.path(), children);
        // Which children have children of their own: the subtree, a page at a time.
        Set<String> parents = new HashSet<>();
        int limit = org.mekong.core.api.Page.MAX_LIMIT;
        for (int offset = 0;; offset += limit) {
            org.mekong.core.api.Page<OrgUnit> page = orgUnits.subtree(unit.code(), offset, limit);
            page.items().forEach(u -> parents.add(u.parentCode()));
            if (offset + limit >= page.total()) {
                break;
            }
        }
        List<ChildRow> rows = new ArrayList<>();
        for (OrgUnit child : children) {
            List<Cell> cs = cells.get(child.code());
            TaskService.TaskCounts ctc = childTasks.get(child.code());
            rows.add(new ChildRow(child, count(cs, Colour.GREEN), count(cs, Colour.AMBER), count(cs, Colour.RED),
                    count(cs, Colour.NONE), greenShare(cs), ctc.onTimeShare(), timeliness.get(child.code()),
                    childWarnings.get(child.code()), parents.contains(child.code())));
        }
        List<Crumb> crumbs = new ArrayList<>();
        for (String code : unit.path().substring(1).split("/")) {
            orgUnits.find(code).ifPresent(u -> crumbs.add(new Crumb(u.code(), u.nameVi(), u.nameEn())));
        }
        return new Overview(unit, asOf.id(), verifiedOnly, crumbs, summary, own, rows);
    }

    public Rankings rankings(Caller caller, String unitCode, String asOfId, String by) {
        String measure = by == null || by.isBlank() ? "greening" : by;
        if (!List.of("greening", "tasks", "timeliness").contains(measure)) {
            throw InvalidInputException.field("by", "one of greening, tasks, timeliness");
        }
        Overview o = overview(caller, unitCode, asOfId);
        Comparator<ChildRow> order = Comparator.comparing((ChildRow r) -> switch (measure) {
            case "tasks" -> r.taskOnTimeShare();
            case "timeliness" -> r.timeliness();
            default -> r.greenShare();
        }, Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(r -> r.orgUnit().code());
        List<ChildRow> sorted = o.children().stream().sorted(order).toList();
        List<RankRow> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ChildRow r = sorted.get(i);
            rows.add(new RankRow(i + 1, r.orgUnit(), r.greenShare(), r.taskOnTimeShare(), r.timeliness()));
        }
        return new Rankings(measure, o.asOf(), rows);
    }

    public Trend trend(Caller caller, String indicatorCode, String unitCode, String from, String to, String asOf) {
        Indicator ind = indicators.get(required(indicatorCode, "indicator"));
        OrgUnit unit = orgUnits.get(required(unitCode, "orgUnit"));
        boolean verifiedOnly = verifiedOnly(caller, unit);
        String last = (to == null || to.isBlank()) && asOf != null && !asOf.isBlank()
                ? asOf(asOf).latestWithin(ind.periodicity()).id() : to;
        List<Period> periods = range(ind, from, last);
        Map<String, Resolved> resolved = resolve(List.of(ind), List.of(unit), Map.of(ind.code(), periods), verifiedOnly);
        Map<String, Double> tg = targets.lookup(List.of(ind.code()), List.of(unit.code()),
                periods.stream().map(Period::id).toList());
        List<TrendPoint> points = new ArrayList<>();
        for (Period p : periods) {
            Resolved r = resolved.get(key(ind.code(), unit.code(), p.id()));
            Double v = r == null ? null : r.value();
            Double t = tg.get(key(ind.code(), unit.code(), p.id()));
            points.add(new TrendPoint(p.id(), v, t, Colour.of(ind, v, t, amberRatio), r == null ? null : r.note()));
        }
        return new Trend(ind.code(), unit.code(), points);
    }

    public Rollup rollup(Caller caller, String indicatorCode, String unitCode, String from, String to) {
        Indicator ind = indicators.get(required(indicatorCode, "indicator"));
        OrgUnit unit = orgUnits.get(required(unitCode, "orgUnit"));
        boolean verifiedOnly = verifiedOnly(caller, unit);
        List<Period> periods = range(ind, from, to);
        Map<String, UnitValue> found = new HashMap<>();
        for (UnitValue v : values.valuesAt(List.of(ind.code()), List.of(unit.code()),
                periods.stream().map(Period::id).toList(), verifiedOnly)) {
            found.put(v.period(), v);
        }
        List<RollupPoint> points = periods.stream().map(p -> {
            UnitValue v = found.get(p.id());
            return v == null ? new RollupPoint(p.id(), null, 0, null) : new RollupPoint(p.id(), v.value(), v.count(), v.sum());
        }).toList();
        return new Rollup(ind.code(), unit.code(), ind.aggregation().name(), points);
    }

    /** from..to of the indicator's periodicity; by default the 12 periods up to the last ended quarter. */
    private static List<Period> range(Indicator ind, String from, String to) {
        Period last = to == null || to.isBlank() ? defaultAsOf().latestWithin(ind.periodicity()) : parse(to, "to");
        Period first;
        if (from == null || from.isBlank()) {
            first = last;
            for (int i = 0; i < 11; i++) {
                first = first.previous();
            }
        } else {
            first = parse(from, "from");
        }
        if (first.periodicity() != ind.periodicity() || last.periodicity() != ind.periodicity()) {
            throw InvalidInputException.field("from", "indicator '" + ind.code() + "' is " + ind.periodicity()
                    + ": give from and to as such periods");
        }
        if (first.compareTo(last) > 0) {
            throw InvalidInputException.field("from", "must not be after 'to'");
        }
        return first.rangeTo(last);
    }

    private static Period parse(String id, String field) {
        try {
            return Period.parse(id);
        } catch (InvalidInputException e) {
            throw InvalidInputException.field(field, e.details().get(0).problem());
        }
    }

    // ----------------------------------------------------------------- resolution

    /** A value found for indicator x unit x period, or why there is none. */
    record Resolved(Double value, boolean own, long count, String note) {
    }

    static String key(String indicator, String unit, String period) {
        return indicator + '|' + unit + '|' + period;
    }

    /**
     * For each indicator, the cell of its latest period (of its periodicity) ending within asOf,
     * or of the newest of the three periods before it that has a value.
     */
    Map<String, List<Cell>> latestCells(List<Indicator> inds, List<OrgUnit> units, Period asOf, boolean verifiedOnly) {
        Map<String, List<Period>> periods = new HashMap<>();
        for (Indicator i : inds) {
            // The latest period and up to three before it: the newest with a value is shown.
            Period p = asOf.latestWithin(i.periodicity());
            periods.put(i.code(), List.of(p, p.previous(), p.previous().previous(), p.previous().previous().previous()));
        }
        Map<String, Resolved> resolved = resolve(inds, units, periods, verifiedOnly);
        Set<String> chosenPeriods = new HashSet<>();
        periods.values().forEach(ps -> ps.forEach(p -> chosenPeriods.add(p.id())));
        Map<String, Double> tg = targets.lookup(inds.stream().map(Indicator::code).toList(),
                units.stream().map(OrgUnit::code).toList(), chosenPeriods);
        Map<String, List<Cell>> out = new LinkedHashMap<>();
        for (OrgUnit u : units) {
            List<Cell> cells = new ArrayList<>();
            for (Indicator i : inds) {
                List<Period> ps = periods.get(i.code());
                Period chosen = ps.get(0);
                Resolved r = resolved.get(key(i.code(), u.code(), chosen.id()));
                for (int back = 1; back < ps.size() && (r == null || r.value() == null); back++) {
                    Resolved before = resolved.get(key(i.code(), u.code(), ps.get(back).id()));
                    if (before != null && before.value() != null) {
                        chosen = ps.get(back);
                        r = before;
                    }
                }
                Double v = r == null ? null : r.value();
                Double t = tg.get(key(i.code(), u.code(), chosen.id()));
                cells.add(new Cell(i.code(), i.nameVi(), i.nameEn(), i.layer(), i.unit(), i.direction(), chosen.id(), v,
                        t, Colour.of(i, v, t, amberRatio), r != null && r.own(), r == null ? 0 : r.count(),
                        r == null ? null : r.note()));
            }
            out.put(u.code(), cells);
        }
        return out;
    }

    /** Values for the indicators at the units for each indicator's periods: stored, formula or plugin. */
    Map<String, Resolved> resolve(List<Indicator> inds, List<OrgUnit> units, Map<String, List<Period>> periods,
            boolean verifiedOnly) {
        Map<String, Resolved> out = new HashMap<>();
        // Stored values and the inputs of formulas, in one read of the aggregate rows.
        Set<String> stored = new HashSet<>();
        Set<String> storedPeriods = new HashSet<>();
        Map<String, Formula> formulas = new HashMap<>();
        for (Indicator i : inds) {
            if (i.formula() != null && !i.formula().isBlank()) {
                try {
                    Formula f = Formula.parse(i.formula());
                    formulas.put(i.code(), f);
                    for (String in : f.inputs()) {
                        indicators.find(in).ifPresent(input -> {
                            stored.add(input.code());
                            periods.get(i.code()).forEach(p -> storedPeriods.add(p.latestWithin(input.periodicity()).id()));
                        });
                    }
                } catch (FormulaException e) {
                    periods.get(i.code()).forEach(p -> units.forEach(u -> out.put(key(i.code(), u.code(), p.id()),
                            new Resolved(null, false, 0, "formula: " + e.getMessage()))));
                }
            } else if (i.source() != IndicatorSource.PLUGIN) {
                stored.add(i.code());
                periods.get(i.code()).forEach(p -> storedPeriods.add(p.id()));
            }
        }
        List<String> unitCodes = units.stream().map(OrgUnit::code).toList();
        Map<String, UnitValue> raw = new HashMap<>();
        for (UnitValue v : values.valuesAt(stored, unitCodes, storedPeriods, verifiedOnly)) {
            raw.put(key(v.indicator(), v.orgUnit(), v.period()), v);
        }
        for (Indicator i : inds) {
            for (Period p : periods.get(i.code())) {
                for (OrgUnit u : units) {
                    String k = key(i.code(), u.code(), p.id());
                    if (out.containsKey(k)) {
                        continue;
                    }
                    Formula f = formulas.get(i.code());
                    if (f != null) {
                        out.put(k, evaluate(f, u, p, raw));
                    } else if (i.source() == IndicatorSource.PLUGIN) {
                        out.put(k, fromProvider(i, u, p));
                    } else {
                        UnitValue v = raw.get(k);
                        if (v != null) {
                            out.put(k, new Resolved(v.value(), v.own(), v.count(), null));
                        }
                    }
                }
            }
        }
        return out;
    }

    private Resolved evaluate(Formula f, OrgUnit u, Period p, Map<String, UnitValue> raw) {
        try {
            long[] count = { Long.MAX_VALUE };
            double v = f.evaluate(code -> indicators.find(code).map(in -> {
                UnitValue uv = raw.get(key(code, u.code(), p.latestWithin(in.periodicity()).id()));
                if (uv != null) {
                    count[0] = Math.min(count[0], uv.count());
                }
                return uv == null ? null : uv.value();
            }).orElse(null));
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return new Resolved(null, false, 0, "formula: the result is not a finite number");
            }
            return new Resolved(v, false, count[0] == Long.MAX_VALUE ? 0 : count[0], null);
        } catch (FormulaException e) {
            return new Resolved(null, false, 0, "formula: " + e.getMessage());
        }
    }

    private Resolved fromProvider(Indicator i, OrgUnit u, Period p) {
        for (IndicatorProvider provider : providers) {
            if (provider.name().equals(i.provider())) {
                try {
                    Double v = provider.valueOf(i.code(), u, p);
                    return v == null ? null : new Resolved(v, false, 1, null);
                } catch (RuntimeException e) {
                    return new Resolved(null, false, 0, "plugin " + provider.name() + ": " + e.getMessage());
                }
            }
        }
        return null;
    }

    /**
     * Share of the expected periods (stored manual indicators x their periods within asOf's year
     * up to asOf) for which the unit has a value, own or rolled up; null when nothing is expected
     * or the unit reports none of them.
     */
    Map<String, Double> timeliness(List<Indicator> inds, List<OrgUnit> units, Period asOf, boolean verifiedOnly) {
        List<Indicator> manual = inds.stream().filter(Indicator::isManual).toList();
        Period year = Period.parse(asOf.id().substring(0, 4));
        Map<String, List<Period>> window = new HashMap<>();
        Set<String> allPeriods = new HashSet<>();
        int expected = 0;
        for (Indicator i : manual) {
            List<Period> ps = new ArrayList<>();
            Period first = Period.containing(i.periodicity(), year.start());
            for (Period p = first; !p.end().isAfter(asOf.end()); p = p.next()) {
                ps.add(p);
                allPeriods.add(p.id());
            }
            window.put(i.code(), ps);
            expected += ps.size();
        }
        Map<String, Integer> present = new HashMap<>();
        for (UnitValue v : values.valuesAt(manual.stream().map(Indicator::code).toList(),
                units.stream().map(OrgUnit::code).toList(), allPeriods, verifiedOnly)) {
            Indicator ind = indicators.find(v.indicator()).orElse(null);
            if (ind != null && window.getOrDefault(ind.code(), List.of()).stream().anyMatch(p -> p.id().equals(v.period()))) {
                present.merge(v.orgUnit(), 1, Integer::sum);
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (OrgUnit u : units) {
            // A unit that reports nothing at all (e.g. a ministry for provincial indicators) has no timeliness.
            Integer n = present.get(u.code());
            out.put(u.code(), expected == 0 || n == null ? null : n / (double) expected);
        }
        return out;
    }

    private static int count(List<Cell> cells, Colour colour) {
        return (int) cells.stream().filter(c -> c.colour() == colour).count();
    }

    private static Double greenShare(List<Cell> cells) {
        long lit = cells.stream().filter(c -> c.colour() != Colour.NONE).count();
        return lit == 0 ? null : count(cells, Colour.GREEN) / (double) lit;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field(field, "is required");
        }
        return value;
    }
}
