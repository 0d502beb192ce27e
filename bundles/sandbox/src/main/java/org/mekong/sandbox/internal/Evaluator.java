package org.mekong.sandbox.internal;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.IndicatorValue;
import org.mekong.core.api.data.IndicatorValue.ValueSource;
import org.mekong.core.api.data.IndicatorValues;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.sandbox.internal.Views.Evaluation;
import org.mekong.sandbox.internal.Views.GroupFigures;
import org.mekong.sandbox.internal.Views.IndicatorEvaluation;
import org.mekong.sandbox.internal.Views.SeriesPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Difference in differences over the values the core's {@link IndicatorValues} answers to the caller
 * (no SQL on its tables here, and its visibility rule applies). For each watched indicator the pilot window is the indicator's periods from the
 * pilot's start to its end (or today, if earlier); the "before" window is the same number of periods
 * just before the start. Per unit, the unit's own values of each window are averaged; per group
 * (pilot, control) over the units that have values in both windows, and the change of each. The
 * difference in differences is the pilot group's average change minus the control group's. The
 * public view counts VERIFIED values only; the staff view SUBMITTED and VERIFIED ones (never drafts).
 */
@Component(service = Evaluator.class)
public class Evaluator {
    static final List<String> PUBLIC_STATES = List.of(DataValueState.VERIFIED.name());
    static final List<String> STAFF_STATES = List.of(DataValueState.SUBMITTED.name(), DataValueState.VERIFIED.name());

    private final DataSource ds;
    private final IndicatorRegistry indicators;
    private final IndicatorValues values;

    @Activate
    public Evaluator(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference IndicatorRegistry indicators, @Reference IndicatorValues values,
            @Reference SandboxSchema schema) {
        this.ds = ds;
        this.indicators = indicators;
        this.values = values;
    }

    /** Evaluates a pilot (by id) as of a day, from verified values only or (staff) from submitted ones too. */
    public Evaluation evaluate(Caller caller, long pilotId, String code, LocalDate start, LocalDate end,
            List<String> watched, LocalDate asOf, boolean verifiedOnly) {
        Map<String, String> groupOf = new HashMap<>();
        Jdbc.read(ds, c -> Jdbc.list(c, "SELECT UNIT_CODE, GROUP_ROLE FROM SB_PILOT_UNIT WHERE PILOT_ID = ?",
                r -> groupOf.put(r.getString(1), r.getString(2)), pilotId));
        List<IndicatorEvaluation> out = new ArrayList<>();
        for (String ind : watched) {
            Indicator indicator = indicators.find(ind).orElse(null);
            out.add(indicator == null ? missing(ind) : one(caller, groupOf, indicator, start, end, asOf, verifiedOnly));
        }
        return new Evaluation(code, start, end, asOf, Instant.now(), out, verifiedOnly ? PUBLIC_STATES : STAFF_STATES);
    }

    private static IndicatorEvaluation missing(String code) {
        return new IndicatorEvaluation(code, code, code, null, null, List.of(), List.of(), null, null, null,
                "UNKNOWN_INDICATOR", "Chỉ tiêu " + code + " không còn trong danh mục.",
                "Indicator " + code + " is no longer in the registry.", List.of());
    }

    private IndicatorEvaluation one(Caller caller, Map<String, String> groupOf, Indicator ind, LocalDate start,
            LocalDate end, LocalDate asOf, boolean verifiedOnly) {
        LocalDate last = end.isBefore(asOf) ? end : asOf;
        if (last.isBefore(start)) {
            return new IndicatorEvaluation(ind.code(), ind.nameVi(), ind.nameEn(), ind.unit(), ind.direction().name(),
                    List.of(), List.of(), null, null, null, "NOT_STARTED", "Thí điểm chưa bắt đầu.",
                    "The pilot has not started yet.", List.of());
        }
        Period first = Period.containing(ind.periodicity(), start);
        List<Period> pilotPeriods = first.rangeTo(Period.containing(ind.periodicity(), last));
        List<Period> before = new ArrayList<>();
        Period p = first;
        for (int i = 0; i < pilotPeriods.size(); i++) {
            p = p.previous();
            before.add(0, p);
        }
        Set<String> beforeIds = new HashSet<>(ids(before));
        List<Period> all = concat(before, pilotPeriods);
        // per unit: before sum, count, pilot-window sum, count; per period: pilot sum, count, control sum, count
        Map<String, double[]> perUnit = new TreeMap<>();
        Map<String, double[]> byPeriod = new TreeMap<>();
        Set<DataValueState> states = verifiedOnly ? Set.of(DataValueState.VERIFIED)
                : Set.of(DataValueState.SUBMITTED, DataValueState.VERIFIED);
        for (IndicatorValue v : values.read(caller, List.of(ind.code()), groupOf.keySet(), ids(all), states)) {
            String group = groupOf.get(v.orgUnit());
            if (v.source() != ValueSource.OWN || group == null) {
                continue;
            }
            boolean inBefore = beforeIds.contains(v.period());
            boolean isPilot = "PILOT".equals(group);
            add(perUnit.computeIfAbsent(v.orgUnit(), k -> new double[4]), inBefore ? 0 : 2, v.value());
            add(byPeriod.computeIfAbsent(v.period(), k -> new double[4]), isPilot ? 0 : 2, v.value());
        }
        GroupFigures pilot = group(perUnit, groupOf, "PILOT");
        GroupFigures control = group(perUnit, groupOf, "CONTROL");
        List<SeriesPoint> series = new ArrayList<>();
        for (Period x : all) {
            double[] row = byPeriod.get(x.id());
            series.add(row == null ? new SeriesPoint(x.id(), null, null, 0, 0)
                    : new SeriesPoint(x.id(), row[1] == 0 ? null : round(row[0] / row[1]),
                            row[3] == 0 ? null : round(row[2] / row[3]), (int) row[1], (int) row[3]));
        }
        Double did = pilot.units() > 0 && control.units() > 0 ? round(pilot.change() - control.change()) : null;
        String verdict = verdict(ind, pilot, control, did);
        return new IndicatorEvaluation(ind.code(), ind.nameVi(), ind.nameEn(), ind.unit(), ind.direction().name(),
                ids(before), ids(pilotPeriods), rounded(pilot), rounded(control), did, verdict,
                reading(ind, pilot, control, did, verdict, true), reading(ind, pilot, control, did, verdict, false), series);
    }

    private static void add(double[] sums, int at, double value) {
        sums[at] += value;
        sums[at + 1]++;
    }

    /** A group's averages over its units that have values in both windows. */
    static GroupFigures group(Map<String, double[]> perUnit, Map<String, String> groupOf, String group) {
        int n = 0;
        double before = 0;
        double after = 0;
        for (Map.Entry<String, double[]> e : perUnit.entrySet()) {
            double[] u = e.getValue();
            if (group.equals(groupOf.get(e.getKey())) && u[1] > 0 && u[3] > 0) {
                n++;
                before += u[0] / u[1];
                after += u[2] / u[3];
            }
        }
        return n == 0 ? new GroupFigures(0, null, null, null)
                : new GroupFigures(n, before / n, after / n, (after - before) / n);
    }

    /** BETTER or WORSE in the indicator's direction, NO_CLEAR_DIFFERENCE under 1 % of the baseline, INSUFFICIENT_DATA. */
    static String verdict(Indicator ind, GroupFigures pilot, GroupFigures control, Double did) {
        if (did == null) {
            return "INSUFFICIENT_DATA";
        }
        double base = Math.abs(control.before() == null ? 0 : control.before());
        if (Math.abs(did) < Math.max(0.01 * base, 1e-9)) {
            return "NO_CLEAR_DIFFERENCE";
        }
        boolean up = did > 0;
        boolean higherIsBetter = ind.direction() != Direction.LOWER_IS_BETTER;
        return up == higherIsBetter ? "BETTER" : "WORSE";
    }

    static String reading(Indicator ind, GroupFigures pilot, GroupFigures control, Double did, String verdict,
            boolean vi) {
        String name = vi ? ind.nameVi() : ind.nameEn();
        String unit = ind.unit() == null || ind.unit().isBlank() ? "" : " " + ind.unit();
        if (did == null) {
            return vi ? "Chưa đủ số liệu để so sánh " + name + ": cần số liệu trước và trong thời gian thí điểm ở cả đơn "
                    + "vị thí điểm (" + pilot.units() + " đơn vị có đủ) và đơn vị đối chứng (" + control.units() + ")."
                    : "Not enough data to compare " + name + ": both windows are needed in the pilot units (" + pilot.units()
                            + " have them) and the control units (" + control.units() + ").";
        }
        NumberFormat f = NumberFormat.getNumberInstance(vi ? Locale.forLanguageTag("vi-VN") : Locale.UK);
        f.setMaximumFractionDigits(2);
        String pilotMove = move(pilot.change(), f, vi);
        String controlMove = move(control.change(), f, vi);
        String signed = (did > 0 ? "+" : did < 0 ? "−" : "") + f.format(Math.abs(did)) + unit;
        String judged = switch (verdict) {
            case "BETTER" -> vi ? "tốt hơn nhóm đối chứng" : "better than the control group";
            case "WORSE" -> vi ? "kém hơn nhóm đối chứng" : "worse than the control group";
            default -> vi ? "không khác biệt rõ so với nhóm đối chứng" : "no clear difference from the control group";
        };
        return vi
                ? "Ở " + pilot.units() + " đơn vị thí điểm, " + name + " " + pilotMove + " (từ " + f.format(pilot.before())
                        + " lên " + f.format(pilot.after()) + unit + "); ở " + control.units() + " đơn vị đối chứng "
                        + controlMove + ". Chênh lệch kép: " + signed + " — " + judged + "."
                : "In the " + pilot.units() + " pilot units, " + name + " " + pilotMove + " (from "
                        + f.format(pilot.before()) + " to " + f.format(pilot.after()) + unit + "); in the "
                        + control.units() + " control units it " + controlMove + ". Difference in differences: " + signed
                        + " — " + judged + ".";
    }

    private static String move(double change, NumberFormat f, boolean vi) {
        if (Math.abs(change) < 1e-9) {
            return vi ? "không đổi" : "did not change";
        }
        return (change > 0 ? (vi ? "tăng trung bình " : "rose by ") : (vi ? "giảm trung bình " : "fell by "))
                + f.format(Math.abs(change));
    }

    private static GroupFigures rounded(GroupFigures g) {
        return new GroupFigures(g.units(), round(g.before()), round(g.after()), round(g.change()));
    }

    static Double round(Double v) {
        return v == null ? null : Math.round(v * 10000.0) / 10000.0;
    }

    private static List<String> ids(List<Period> periods) {
        return periods.stream().map(Period::id).toList();
    }

    private static List<Period> concat(List<Period> a, List<Period> b) {
        List<Period> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
