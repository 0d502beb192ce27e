package org.mekong.sandbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.mekong.core.api.Period;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.sandbox.internal.Views.Evaluation;
import org.mekong.sandbox.internal.Views.GroupFigures;
import org.mekong.sandbox.internal.Views.IndicatorEvaluation;
import org.mekong.sandbox.internal.Views.SeriesPoint;
import org.mekong.storage.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Difference in differences, computed in the database. For each watched indicator the pilot
 * window is the indicator's periods from the pilot's start to its end (or today, if earlier); the
 * "before" window is the same number of periods just before the start. Per unit, the database
 * averages the submitted and verified values of each window; per group (pilot, control) it
 * averages over the units that have values in both windows, and the change of each. The
 * difference in differences is the pilot group's average change minus the control group's.
 */
@Component(service = Evaluator.class)
public class Evaluator {
    private static final Pattern PERIOD_ID = Pattern.compile("^\\d{4}(Q[1-4]|S[12]|\\d{2})?$");
    static final String ACCEPTED = "V.STATE IN ('SUBMITTED', 'VERIFIED') AND V.NUM_VALUE IS NOT NULL";

    private final DataSource ds;
    private final IndicatorRegistry indicators;

    @Activate
    public Evaluator(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference IndicatorRegistry indicators, @Reference SandboxSchema schema) {
        this.ds = ds;
        this.indicators = indicators;
    }

    /** Evaluates a pilot (by id) as of a day. */
    public Evaluation evaluate(long pilotId, String code, LocalDate start, LocalDate end, List<String> watched,
            LocalDate asOf) {
        List<IndicatorEvaluation> out = new ArrayList<>();
        for (String ind : watched) {
            Indicator indicator = indicators.find(ind).orElse(null);
            out.add(indicator == null ? missing(ind) : Jdbc.read(ds, c -> one(c, pilotId, indicator, start, end, asOf)));
        }
        return new Evaluation(code, start, end, asOf, Instant.now(), out);
    }

    private static IndicatorEvaluation missing(String code) {
        return new IndicatorEvaluation(code, code, code, null, null, List.of(), List.of(), null, null, null,
                "UNKNOWN_INDICATOR", "Chỉ tiêu " + code + " không còn trong danh mục.",
                "Indicator " + code + " is no longer in the registry.", List.of());
    }

    private IndicatorEvaluation one(Connection c, long pilotId, Indicator ind, LocalDate start, LocalDate end,
            LocalDate asOf) throws SQLException {
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
        String inBefore = literals(before);
        String inPilot = literals(pilotPeriods);
        String inAll = inBefore + ", " + inPilot;
        Map<String, GroupFigures> groups = new TreeMap<>();
        Jdbc.list(c, "SELECT X.GRP, COUNT(*), AVG(X.B), AVG(X.A), AVG(X.A - X.B) FROM ("
                + "SELECT U.GROUP_ROLE AS GRP, V.ORGUNIT_CODE AS UNIT, "
                + "AVG(CASE WHEN V.PERIOD IN (" + inBefore + ") THEN V.NUM_VALUE END) AS B, "
                + "AVG(CASE WHEN V.PERIOD IN (" + inPilot + ") THEN V.NUM_VALUE END) AS A "
                + "FROM DATA_VALUE V JOIN SB_PILOT_UNIT U ON U.UNIT_CODE = V.ORGUNIT_CODE "
                + "WHERE U.PILOT_ID = ? AND V.INDICATOR_CODE = ? AND V.PERIOD IN (" + inAll + ") AND " + ACCEPTED
                + " GROUP BY U.GROUP_ROLE, V.ORGUNIT_CODE) X WHERE X.A IS NOT NULL AND X.B IS NOT NULL GROUP BY X.GRP",
                r -> groups.put(r.getString(1), new GroupFigures(r.getInt(2), r.getDouble(3), r.getDouble(4),
                        r.getDouble(5))), pilotId, ind.code());
        GroupFigures pilot = groups.getOrDefault("PILOT", new GroupFigures(0, null, null, null));
        GroupFigures control = groups.getOrDefault("CONTROL", new GroupFigures(0, null, null, null));
        Map<String, double[]> byPeriod = new TreeMap<>();
        Jdbc.list(c, "SELECT U.GROUP_ROLE, V.PERIOD, AVG(V.NUM_VALUE), COUNT(DISTINCT V.ORGUNIT_CODE) FROM DATA_VALUE V "
                + "JOIN SB_PILOT_UNIT U ON U.UNIT_CODE = V.ORGUNIT_CODE WHERE U.PILOT_ID = ? AND V.INDICATOR_CODE = ? "
                + "AND V.PERIOD IN (" + inAll + ") AND " + ACCEPTED + " GROUP BY U.GROUP_ROLE, V.PERIOD", r -> {
                    double[] row = byPeriod.computeIfAbsent(r.getString(2), k -> new double[] { Double.NaN, Double.NaN, 0, 0 });
                    boolean isPilot = "PILOT".equals(r.getString(1));
                    row[isPilot ? 0 : 1] = r.getDouble(3);
                    row[isPilot ? 2 : 3] = r.getInt(4);
                    return null;
                }, pilotId, ind.code());
        List<SeriesPoint> series = new ArrayList<>();
        for (Period x : concat(before, pilotPeriods)) {
            double[] row = byPeriod.get(x.id());
            series.add(row == null ? new SeriesPoint(x.id(), null, null, 0, 0)
                    : new SeriesPoint(x.id(), Double.isNaN(row[0]) ? null : round(row[0]),
                            Double.isNaN(row[1]) ? null : round(row[1]), (int) row[2], (int) row[3]));
        }
        Double did = pilot.units() > 0 && control.units() > 0 ? round(pilot.change() - control.change()) : null;
        String verdict = verdict(ind, pilot, control, did);
        return new IndicatorEvaluation(ind.code(), ind.nameVi(), ind.nameEn(), ind.unit(), ind.direction().name(),
                ids(before), ids(pilotPeriods), rounded(pilot), rounded(control), did, verdict,
                reading(ind, pilot, control, did, verdict, true), reading(ind, pilot, control, did, verdict, false), series);
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

    private static String literals(List<Period> periods) {
        return periods.stream().map(Period::id).peek(id -> {
            if (!PERIOD_ID.matcher(id).matches()) {
                throw new IllegalStateException("Unexpected period id " + id);
            }
        }).map(id -> "'" + id + "'").collect(Collectors.joining(", "));
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
