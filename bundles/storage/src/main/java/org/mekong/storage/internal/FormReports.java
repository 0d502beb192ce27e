package org.mekong.storage.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.form.FormCompleteness;
import org.mekong.core.api.form.FormTimeliness;
import org.mekong.core.api.form.ReportingForm;
import org.mekong.core.api.form.SubmissionState;
import org.mekong.core.api.form.UnitTimeliness;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;

/**
 * What the units did with a form: per-unit completeness of a period, timeliness (the first SUBMIT of
 * each expected value in DATA_VALUE_HISTORY against the due date) and the save-time outlier check
 * (the submit's own {@link Outliers} rule). Reads stay within the caller's units.
 */
final class FormReports {
    static final int MAX_UNIT_PERIODS = 5000;

    private final DataSource ds;
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final ZoneId zone;

    FormReports(DataSource ds, IndicatorRegistry indicators, OrgUnitService orgUnits, ZoneId zone) {
        this.ds = ds;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.zone = zone;
    }

    FormCompleteness completeness(Caller caller, ReportingForm form, String orgUnit, String period) {
        OrgUnit unit = reporting(caller, form, orgUnit, "orgUnit");
        Period p = period(form, period, "period");
        List<String> expected = expected(form, unit);
        Map<String, DataValueState> states = Jdbc.read(ds, c -> states(c, unit.code(), p.id()));
        int present = 0;
        int submitted = 0;
        int verified = 0;
        List<String> missing = new ArrayList<>();
        for (String code : expected) {
            DataValueState s = states.get(code);
            if (s == null) {
                missing.add(code);
                continue;
            }
            present++;
            submitted += s == DataValueState.SUBMITTED || s == DataValueState.VERIFIED ? 1 : 0;
            verified += s == DataValueState.VERIFIED ? 1 : 0;
        }
        return new FormCompleteness(form.code(), unit.code(), p.id(), expected.size(), present, submitted, verified,
                missing);
    }

    FormTimeliness timeliness(Caller caller, ReportingForm form, Collection<String> units, Collection<String> periods) {
        caller.require();
        if (units == null || units.isEmpty()) {
            throw InvalidInputException.field("orgUnit", "bắt buộc / is required");
        }
        if (periods == null || periods.isEmpty()) {
            throw InvalidInputException.field("period", "bắt buộc / is required");
        }
        if ((long) units.size() * periods.size() > MAX_UNIT_PERIODS) {
            throw InvalidInputException.field("period", "tối đa " + MAX_UNIT_PERIODS + " cặp đơn vị-kỳ / at most "
                    + MAX_UNIT_PERIODS + " unit periods at a time");
        }
        List<Period> ps = new ArrayList<>();
        for (String p : new LinkedHashSet<>(periods)) {
            ps.add(period(form, p, "period"));
        }
        List<OrgUnit> reporting = new ArrayList<>();
        for (String code : new LinkedHashSet<>(units)) {
            OrgUnit unit = readable(caller, code, "orgUnit");
            if (form.reportedBy(unit)) {
                reporting.add(unit);
            }
        }
        List<UnitTimeliness> rows = Jdbc.read(ds, c -> {
            List<UnitTimeliness> out = new ArrayList<>();
            for (OrgUnit unit : reporting) {
                List<String> expected = expected(form, unit);
                for (Period p : ps) {
                    out.add(timeliness(c, form, unit, p, expected));
                }
            }
            return out;
        });
        return FormTimeliness.of(form.code(), rows);
    }

    private UnitTimeliness timeliness(Connection c, ReportingForm form, OrgUnit unit, Period p, List<String> expected)
            throws SQLException {
        LocalDate due = form.dueDate(p);
        Map<String, Instant> first = firstSubmits(c, unit.code(), p.id());
        Instant last = null;
        for (String code : expected) {
            Instant at = first.get(code);
            if (at == null) {
                return new UnitTimeliness(unit.code(), p.id(), due, null, SubmissionState.NOT_SUBMITTED);
            }
            last = last == null || at.isAfter(last) ? at : last;
        }
        if (last == null) {
            return new UnitTimeliness(unit.code(), p.id(), due, null, SubmissionState.NOT_SUBMITTED);
        }
        boolean onTime = !last.atZone(zone).toLocalDate().isAfter(due);
        return new UnitTimeliness(unit.code(), p.id(), due, last, onTime ? SubmissionState.ON_TIME : SubmissionState.LATE);
    }

    /**
     * When each value of the unit's period was first submitted. A history row keeps the version a SUBMIT
     * replaced; the submitted version (one higher) was made at the submission, and is either a later
     * history row or the current row.
     */
    private static Map<String, Instant> firstSubmits(Connection c, String unit, String period) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        Jdbc.list(c, "SELECT s.INDICATOR_CODE, COALESCE(h.CHANGED_AT, d.UPDATED_AT) AS SUBMITTED_AT FROM (SELECT INDICATOR_CODE, "
                + "MIN(VERSION) AS V FROM DATA_VALUE_HISTORY WHERE ORGUNIT_CODE = ? AND PERIOD = ? AND ACTION = 'SUBMIT' "
                + "GROUP BY INDICATOR_CODE) s LEFT JOIN DATA_VALUE_HISTORY h ON h.INDICATOR_CODE = s.INDICATOR_CODE "
                + "AND h.ORGUNIT_CODE = ? AND h.PERIOD = ? AND h.VERSION = s.V + 1 LEFT JOIN DATA_VALUE d ON "
                + "d.INDICATOR_CODE = s.INDICATOR_CODE AND d.ORGUNIT_CODE = ? AND d.PERIOD = ? AND d.VERSION = s.V + 1",
                rs -> out.put(rs.getString(1), Jdbc.getInstant(rs, "SUBMITTED_AT")), unit, period, unit, period, unit, period);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    List<ErrorDetail> outliers(Caller caller, ReportingForm form, String orgUnit, String period,
            List<DataValueInput> values) {
        OrgUnit unit = reporting(caller, form, orgUnit, "orgUnit");
        Period p = period(form, period, "period");
        if (values == null) {
            throw InvalidInputException.field("values", "bắt buộc / is required");
        }
        Set<String> inForm = new HashSet<>(form.indicators());
        List<ErrorDetail> bad = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            DataValueInput v = values.get(i);
            if (v == null || v.indicator() == null || !inForm.contains(v.indicator())) {
                bad.add(new ErrorDetail("values[" + i + "].indicator", "không thuộc biểu mẫu / is not an indicator of form '"
                        + form.code() + "'"));
            } else if (v.value() == null || v.value().isNaN() || v.value().isInfinite()) {
                bad.add(new ErrorDetail("values[" + i + "].value", "phải là một số / must be a finite number"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(bad.get(0).field() + ": " + bad.get(0).problem(), bad);
        }
        return Jdbc.read(ds, c -> {
            List<ErrorDetail> out = new ArrayList<>();
            for (DataValueInput v : values) {
                if (v.comment() != null && !v.comment().isBlank()) {
                    continue;
                }
                String problem = Outliers.problem(c, new DataValue(v.indicator(), unit.code(), p.id(), v.value(), null,
                        DataValueState.DRAFT, null, 0, null, null));
                if (problem != null) {
                    out.add(new ErrorDetail(v.indicator(), "giá trị bất thường so với các kỳ trước, cần ghi chú giải thích / "
                            + problem + "; add a comment that explains it"));
                }
            }
            return out;
        });
    }

    /** The form's indicators enabled at the unit, in the form's order. */
    private List<String> expected(ReportingForm form, OrgUnit unit) {
        return form.indicators().stream().filter(code -> indicators.find(code).isPresent()
                && indicators.enabledAt(code, unit.code())).toList();
    }

    private static Map<String, DataValueState> states(Connection c, String unit, String period) throws SQLException {
        Map<String, DataValueState> out = new HashMap<>();
        Jdbc.list(c, "SELECT INDICATOR_CODE, STATE FROM DATA_VALUE WHERE ORGUNIT_CODE = ? AND PERIOD = ?",
                rs -> out.put(rs.getString(1), DataValueState.valueOf(rs.getString(2))), unit, period);
        return out;
    }

    /** A unit within the caller's units that reports the form (400 when it does not). */
    private OrgUnit reporting(Caller caller, ReportingForm form, String code, String field) {
        caller.require();
        OrgUnit unit = readable(caller, code, field);
        if (!form.reportedBy(unit)) {
            throw InvalidInputException.field(field, "đơn vị '" + unit.code() + "' không báo cáo biểu mẫu '" + form.code()
                    + "' / org unit '" + unit.code() + "' does not report form '" + form.code() + "'");
        }
        return unit;
    }

    OrgUnit readable(Caller caller, String code, String field) {
        if (code == null || code.isBlank()) {
            throw InvalidInputException.field(field, "bắt buộc / is required");
        }
        OrgUnit unit = orgUnits.find(code.trim()).orElseThrow(() -> InvalidInputException.field(field,
                "không có đơn vị '" + code + "' / unknown org unit '" + code + "'"));
        if (!orgUnits.covers(caller, unit.code())) {
            throw new ForbiddenException("Người dùng '" + caller.username() + "' không được xem số liệu của đơn vị '"
                    + unit.code() + "' / user '" + caller.username() + "' may not read data of org unit '" + unit.code()
                    + "': it is outside their units " + caller.orgUnits());
        }
        return unit;
    }

    /** A period of the form's periodicity (400 naming {@code field} otherwise). */
    private static Period period(ReportingForm form, String id, String field) {
        Period p = DataValueChecks.period(id, field);
        if (p == null) {
            throw InvalidInputException.field(field, "bắt buộc / is required");
        }
        if (p.periodicity() != form.periodicity()) {
            throw InvalidInputException.field(field, "kỳ '" + p.id() + "' không phải kỳ " + form.periodicity()
                    + " của biểu mẫu / period '" + p.id() + "' is " + p.periodicity() + ", form '" + form.code()
                    + "' is " + form.periodicity());
        }
        return p;
    }
}
